package io.tokenfeed.engine.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The resume buffer against a model: bounded, contiguous, in order, exact bytes, whatever the sizes and acks. */
class RetainedMessagesTest
{
    @Property(tries = 200)
    void shouldKeepAContiguousSuffixOfWhatWasSentWithinItsCapacity(
        @ForAll @IntRange(min = 64, max = 8192) final int capacity,
        @ForAll @Size(min = 1, max = 300) final List<@IntRange(min = 0, max = 2000) Integer> bodySizes,
        @ForAll @IntRange(min = 0, max = 10) final int ackEvery)
    {
        final RetainedMessages retained = new RetainedMessages(capacity);
        final List<String> sent = new ArrayList<>();
        long acked = 0;
        for (int i = 0; i < bodySizes.size(); i++)
        {
            final long sequence = i + 1;
            final String message = message(sequence, bodySizes.get(i));
            sent.add(message);
            final byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            retained.retain(sequence, new UnsafeBuffer(bytes), 0, bytes.length);
            if (ackEvery > 0 && sequence % ackEvery == 0)
            {
                acked = sequence - 1;
                retained.release(acked);
            }
            assertThat(retained.size()).isLessThanOrEqualTo(retained.capacity());
            assertThat(retained.capacity()).isLessThanOrEqualTo(capacity);
        }

        final long last = bodySizes.size();
        final long first = retained.firstSequence();
        assertThat(first).isGreaterThan(acked).isLessThanOrEqualTo(last + 1);
        final List<String> replayed = new ArrayList<>();
        retained.replayAfter(0, (buffer, offset, length, digitsStart, digitsEnd) ->
        {
            replayed.add(buffer.getStringWithoutLengthAscii(offset, length));
            assertThat(buffer.getStringWithoutLengthAscii(digitsStart, digitsEnd - digitsStart))
                .isEqualTo(Long.toString(first + replayed.size() - 1));
        });
        assertThat(replayed).containsExactlyElementsOf(sent.subList((int)first - 1, (int)last));
    }

    @Test
    void shouldKeepTheNewestMessagesWhenFullAndDropWhatCannotFit()
    {
        final RetainedMessages retained = new RetainedMessages(1024);
        for (long sequence = 1; sequence <= 100; sequence++)
        {
            final byte[] bytes = message(sequence, 100).getBytes(StandardCharsets.US_ASCII);
            retained.retain(sequence, new UnsafeBuffer(bytes), 0, bytes.length);
        }
        assertThat(retained.firstSequence()).isGreaterThan(90).isLessThanOrEqualTo(100);
        assertThat(retained.evictedMessages()).isEqualTo(retained.firstSequence() - 1);

        final byte[] huge = message(101, 2000).getBytes(StandardCharsets.US_ASCII);
        retained.retain(101, new UnsafeBuffer(huge), 0, huge.length);

        assertThat(retained.firstSequence()).as("nothing up to a message too big to keep can be replayed").isEqualTo(102);
        assertThat(retained.size()).isZero();
    }

    @Test
    void shouldKeepNothingWithZeroCapacity()
    {
        final RetainedMessages retained = new RetainedMessages(0);
        final byte[] bytes = message(1, 10).getBytes(StandardCharsets.US_ASCII);
        retained.retain(1, new UnsafeBuffer(bytes), 0, bytes.length);

        assertThat(retained.firstSequence()).isEqualTo(2);
        assertThat(retained.capacity()).isZero();
    }

    private static String message(final long sequence, final int bodySize)
    {
        return "{\"type\":\"token_update\",\"sequence\":" + sequence + ",\"timestamp\":1,\"data\":{\"x\":\""
            + "y".repeat(bodySize) + "\"}}";
    }
}
