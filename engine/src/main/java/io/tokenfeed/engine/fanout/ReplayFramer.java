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
    private static final byte[] REPLAYED = ascii("\"replayed\":true");
    private static final byte[] CLOSE = ascii("}}");
    private static final byte[] RESUME_HEAD = ascii("{\"type\":\"resume\",");
    private static final byte[] CONNECTION_HEAD = ascii("{\"type\":\"connection\",");
    private static final byte[] ERROR_HEAD = ascii("{\"type\":\"error\",");
    private static final byte[] FATAL = ascii("\"level\":\"fatal\"");

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
     * What a resume does not replay: messages about a connection rather than data for the client. A {@code resume}
     * response answered a request about an older connection (and its data already has a {@code replayed} count); a
     * {@code connection} message names the old connection; a fatal error ended it. Skipping them keeps the sequence
     * contiguous, since replayed messages are re-numbered.
     */
    static boolean isReplayable(final DirectBuffer src, final int offset, final int length)
    {
        if (startsWith(src, offset, length, RESUME_HEAD) || startsWith(src, offset, length, CONNECTION_HEAD))
        {
            return false;
        }
        return !(startsWith(src, offset, length, ERROR_HEAD) && contains(src, offset, length, FATAL));
    }

    private static boolean startsWith(final DirectBuffer src, final int offset, final int length, final byte[] prefix)
    {
        return length >= prefix.length && matches(src, offset, prefix);
    }

    private static boolean contains(final DirectBuffer src, final int offset, final int length, final byte[] part)
    {
        for (int i = offset, last = offset + length - part.length; i <= last; i++)
        {
            if (matches(src, i, part))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(final DirectBuffer src, final int at, final byte[] part)
    {
        for (int i = 0; i < part.length; i++)
        {
            if (src.getByte(at + i) != part[i])
            {
                return false;
            }
        }
        return true;
    }

    /** A message replayed before (resumed twice) already carries the flag. */
    private static boolean endsWithReplayed(final DirectBuffer src, final int bodyEnd)
    {
        return matches(src, bodyEnd - REPLAYED.length, REPLAYED);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
