package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Compressed binary messages ({@code compression=zstd}): inflated within a bound, whether or not they declare their size. */
class ZstdInflaterTest
{
    private static final byte[] JSON = ServerMessages.json(ServerMessages.update(7, "0x" + "a".repeat(40), 3));

    @Test
    void shouldInflateAFrameThatDeclaresItsSize() throws IOException
    {
        final byte[] compressed = Zstd.compress(JSON, 3);

        assertThat(new ZstdInflater(1 << 20).inflate(compressed)).isEqualTo(JSON);
    }

    @Test
    void shouldInflateAStreamedFrameWithoutADeclaredSize() throws IOException
    {
        final byte[] compressed = streamed(JSON);

        assertThat(new ZstdInflater(1 << 20).inflate(compressed)).isEqualTo(JSON);
    }

    @Test
    void shouldRefuseAFrameThatDeclaresMoreThanTheLimit()
    {
        final byte[] bomb = Zstd.compress(new byte[1 << 20], 3);

        assertThatThrownBy(() -> new ZstdInflater(64 * 1024).inflate(bomb)).isInstanceOf(IOException.class)
            .hasMessageContaining("over the limit");
    }

    @Test
    void shouldStopAtTheLimitWhenAStreamedFrameInflatesPastIt() throws IOException
    {
        final byte[] bomb = streamed(new byte[1 << 20]);

        assertThatThrownBy(() -> new ZstdInflater(64 * 1024).inflate(bomb)).isInstanceOf(IOException.class)
            .hasMessageContaining("past the limit");
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheLimit() throws IOException
    {
        final byte[] exact = streamed(new byte[4096]);

        assertThat(new ZstdInflater(4096).inflate(exact)).hasSize(4096);
    }

    @Test
    void shouldRefuseBytesThatAreNotZstd()
    {
        assertThatThrownBy(() -> new ZstdInflater(1 << 20).inflate(JSON)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldDecodeACompressedBinaryMessageLikeATextOne()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.newCodec(), new ZstdInflater(1 << 20));

        final DecodeResult result = decoder.decode(Zstd.compress(JSON, 3), true);

        assertThat(result.message()).isInstanceOfSatisfying(TokenUpdateMessage.class, m -> assertThat(m.sequence()).isEqualTo(7));
        assertThat(decoder.decode("nonsense".getBytes(StandardCharsets.UTF_8), true).isSuccess()).isFalse();
    }

    private static byte[] streamed(final byte[] data) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out))
        {
            zstd.write(data);
        }
        final byte[] compressed = out.toByteArray();
        assertThat(Zstd.getFrameContentSize(compressed, 0, compressed.length)).as("the frame does not declare its size").isEqualTo(-1);
        return compressed;
    }
}
