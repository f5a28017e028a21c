package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fragments of a WebSocket message joined into its bytes, within the size limit. */
class MessageAssemblerTest
{
    @Test
    void shouldJoinTextFragmentsEvenWhenACharacterIsSplitBetweenThem() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(1024);
        final String text = "{\"price\":\"1\",\"note\":\"\uD83D\uDE00 caf\u00e9\"}";
        final int split = text.indexOf('\uD83D') + 1;

        assertThat(assembler.text(CharBuffer.wrap(text, 0, split), false)).isNull();
        final byte[] joined = assembler.text(CharBuffer.wrap(text, split, text.length()), true);

        assertThat(new String(joined, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void shouldStartAfreshForEachMessageWhenBuffersAreReused() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(1 << 20);
        final String large = "x".repeat(10_000);

        assembler.text(large, true);
        final byte[] small = assembler.text("ok", true);

        assertThat(small).isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldJoinBinaryFragments() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(1024);

        assertThat(assembler.binary(ByteBuffer.wrap(new byte[] {1, 2}), false)).isNull();
        assertThat(assembler.binary(ByteBuffer.wrap(new byte[] {3}), true)).containsExactly(1, 2, 3);
    }

    @Test
    void shouldAcceptATextMessageThatEndsJustBelowTheLimitWhenTheBufferMustGrow() throws Exception
    {
        // The buffer starts at 4096 bytes; the last characters need fewer bytes than any fixed guess of room.
        final MessageAssembler assembler = new MessageAssembler(4100);
        final String text = "x".repeat(4096) + "\u00e9\u00e9";

        final byte[] joined = assembler.text(text, true);

        assertThat(joined).hasSize(4100);
        assertThat(new String(joined, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void shouldAcceptATextMessageOfExactlyTheLimitArrivingInFragments() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(4100);

        assertThat(assembler.text("y".repeat(4095), false)).isNull();
        final byte[] joined = assembler.text("z".repeat(5), true);

        assertThat(joined).hasSize(4100);
    }

    @Test
    void shouldRefuseATextMessageOneByteOverTheLimitWhenItsLastCharacterIsMultiByte() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(4100);

        assertThatThrownBy(() -> assembler.text("x".repeat(4097) + "\u00e9\u00e9", true))
            .isInstanceOf(MessageAssembler.MessageTooLargeException.class);
    }

    @Test
    void shouldRefuseAMessageOverTheLimitAndRecoverForTheNext() throws Exception
    {
        final MessageAssembler assembler = new MessageAssembler(16);

        assertThatThrownBy(() -> assembler.text("x".repeat(17), true)).isInstanceOf(MessageAssembler.MessageTooLargeException.class);
        assertThat(assembler.text("fine", true)).hasSize(4);
    }
}
