package io.tokenfeed.engine.fanout;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Re-numbers a retained message into the resuming connection's sequence and marks it {@code "replayed":true}
 * (protocol.md section 3, {@code resume}). Type, timestamp and data stay as they were sent: the timestamp still says
 * when the data was current. Relies on our envelopes writing {@code data} last, as an object. Fan-out thread only.
 */
final class ReplayFramer
{
    private static final byte[] REPLAYED = "\"replayed\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "}}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESUME_HEAD = "{\"type\":\"resume\",".getBytes(StandardCharsets.US_ASCII);

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64 * 1024);

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param digitsStart where the digits of the original {@code sequence} start in {@code src}
     * @param digitsEnd   where they end
     * @return the re-framed message's length
     */
    int reframe(final DirectBuffer src, final int offset, final int length, final int digitsStart, final int digitsEnd,
        final long sequence)
    {
        // Without the closing braces of data and envelope.
        final int bodyEnd = offset + length - CLOSE.length;
        int at = 0;
        buffer.putBytes(at, src, offset, digitsStart - offset);
        at += digitsStart - offset;
        at += buffer.putNaturalLongAscii(at, sequence);
        buffer.putBytes(at, src, digitsEnd, bodyEnd - digitsEnd);
        at += bodyEnd - digitsEnd;
        if (!endsWithReplayed(src, bodyEnd))
        {
            if (src.getByte(bodyEnd - 1) != '{')
            {
                buffer.putByte(at++, (byte)',');
            }
            buffer.putBytes(at, REPLAYED);
            at += REPLAYED.length;
        }
        buffer.putBytes(at, CLOSE);
        return at + CLOSE.length;
    }

    /**
     * False for a {@code resume} response: it answered a request about an older connection, and its data already has a
     * {@code replayed} count, which the flag would clash with.
     */
    static boolean isReplayable(final DirectBuffer src, final int offset, final int length)
    {
        if (length < RESUME_HEAD.length)
        {
            return true;
        }
        for (int i = 0; i < RESUME_HEAD.length; i++)
        {
            if (src.getByte(offset + i) != RESUME_HEAD[i])
            {
                return true;
            }
        }
        return false;
    }

    /** A message replayed before (resumed twice) already carries the flag. */
    private static boolean endsWithReplayed(final DirectBuffer src, final int bodyEnd)
    {
        final int start = bodyEnd - REPLAYED.length;
        for (int i = 0; i < REPLAYED.length; i++)
        {
            if (src.getByte(start + i) != REPLAYED[i])
            {
                return false;
            }
        }
        return true;
    }
}
