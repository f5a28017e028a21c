package io.tokenfeed.engine.fanout;

import java.nio.charset.StandardCharsets;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The messages a session has sent that its client has not acknowledged, oldest first, kept for an exact replay on
 * resume (protocol.md section 5). Fan-out thread only.
 *
 * <p>One byte ring per session, on the heap, growing on demand (doubling) up to its capacity, then evicting the oldest
 * messages: memory per session never exceeds {@code delivery.resume-buffer-bytes}. A record never wraps (a padding
 * record fills the end instead), so a message can be read in place. What can be replayed is always a contiguous
 * range: {@link #firstSequence()} up to the session's last sequence. Each record keeps where the digits of the
 * message's {@code sequence} field are, so a replay re-numbers it without parsing.
 *
 * <pre>
 * record: [int recordLength][int messageLength | PADDING][int digitsStart][int digitsEnd][long sequence][message bytes]
 * </pre>
 */
final class RetainedMessages
{
    private static final int RECORD_LENGTH_AT = 0;
    private static final int MESSAGE_LENGTH_AT = 4;
    private static final int DIGITS_START_AT = 8;
    private static final int DIGITS_END_AT = 12;
    private static final int SEQUENCE_AT = 16;
    private static final int RECORD_HEADER = 24;
    private static final int ALIGNMENT = 8;
    private static final int PADDING = -1;
    private static final int INITIAL_CAPACITY = 1024;
    private static final byte[] SEQUENCE_FIELD = "\"sequence\":".getBytes(StandardCharsets.US_ASCII);
    /** Our envelopes open with {"type":"...","sequence": — the field is well inside the first bytes. */
    private static final int SEQUENCE_SEARCH_LIMIT = 64;

    private final int maxCapacity;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private int capacity;
    private int head;
    private int tail;
    private int used;
    private long firstSequence = 1;
    private long evictedMessages;

    /** @param maxCapacity bytes the ring may grow to; 0 keeps nothing (every resume then falls back to snapshots). */
    RetainedMessages(final int maxCapacity)
    {
        // Records are 8-byte aligned, so the padding at the end always has room for its header.
        this.maxCapacity = maxCapacity & -ALIGNMENT;
    }

    /** Keeps one sent message; evicts the oldest when the ring is at its capacity. */
    void retain(final long sequence, final DirectBuffer src, final int offset, final int length)
    {
        final int record = BitUtil.align(RECORD_HEADER + length, ALIGNMENT);
        if (record > maxCapacity)
        {
            // Cannot be kept: neither can anything before it, or the replayable range would have a hole.
            release(sequence);
            firstSequence = sequence + 1;
            return;
        }
        int at;
        while ((at = reserve(record)) < 0)
        {
            if (capacity < maxCapacity)
            {
                grow();
            }
            else
            {
                evictOldest();
            }
        }
        final int digitsStart = sequenceDigitsStart(src, offset, length);
        buffer.putInt(at + RECORD_LENGTH_AT, record);
        buffer.putInt(at + MESSAGE_LENGTH_AT, length);
        buffer.putInt(at + DIGITS_START_AT, digitsStart - offset);
        buffer.putInt(at + DIGITS_END_AT, digitsEnd(src, digitsStart, offset + length) - offset);
        buffer.putLong(at + SEQUENCE_AT, sequence);
        buffer.putBytes(at + RECORD_HEADER, src, offset, length);
        tail = wrap(at + record);
        used += record;
    }

    /** The client has processed everything up to {@code ackedSequence}: those messages are no longer kept. */
    void release(final long ackedSequence)
    {
        while (used > 0 && (isPadding(head) || buffer.getLong(head + SEQUENCE_AT) <= ackedSequence))
        {
            removeHead();
        }
        firstSequence = Math.max(firstSequence, ackedSequence + 1);
    }

    /** The oldest sequence still kept; everything from it to the session's last sequence can be replayed. */
    long firstSequence()
    {
        return firstSequence;
    }

    /** Hands every kept message with a sequence above {@code afterSequence} to {@code replay}, oldest first. */
    void replayAfter(final long afterSequence, final Replay replay)
    {
        int at = head;
        for (int remaining = used; remaining > 0; )
        {
            final int record = buffer.getInt(at + RECORD_LENGTH_AT);
            if (!isPadding(at) && buffer.getLong(at + SEQUENCE_AT) > afterSequence)
            {
                final int message = at + RECORD_HEADER;
                replay.onMessage(buffer, message, buffer.getInt(at + MESSAGE_LENGTH_AT),
                    message + buffer.getInt(at + DIGITS_START_AT), message + buffer.getInt(at + DIGITS_END_AT));
            }
            remaining -= record;
            at = wrap(at + record);
        }
    }

    /** Bytes kept now, record headers and padding included. */
    int size()
    {
        return used;
    }

    /** Bytes the ring holds on to (it grows on demand, never beyond its maximum). */
    int capacity()
    {
        return capacity;
    }

    /** Messages dropped to make room since the session began: each one ends the chance of an exact replay before it. */
    long evictedMessages()
    {
        return evictedMessages;
    }

    /** @return where a record of that length can be written now, or -1. */
    private int reserve(final int record)
    {
        if (used == 0)
        {
            head = 0;
            tail = 0;
            return record <= capacity ? 0 : -1;
        }
        if (tail > head)
        {
            if (capacity - tail >= record)
            {
                return tail;
            }
            if (head >= record)
            {
                // The end is too short: pad it, continue at the start.
                buffer.putInt(tail + RECORD_LENGTH_AT, capacity - tail);
                buffer.putInt(tail + MESSAGE_LENGTH_AT, PADDING);
                used += capacity - tail;
                tail = 0;
                return 0;
            }
            return -1;
        }
        // Wrapped (or full when tail == head): the free space is between tail and head.
        return tail < head && head - tail >= record ? tail : -1;
    }

    /** Doubles the ring (up to its maximum), copying the records in order to its start. */
    private void grow()
    {
        final int newCapacity = (int)Math.min(maxCapacity, Math.max(INITIAL_CAPACITY, 2L * capacity));
        final byte[] bigger = new byte[newCapacity];
        if (used > 0)
        {
            final int firstPart = tail > head ? used : capacity - head;
            buffer.getBytes(head, bigger, 0, firstPart);
            buffer.getBytes(0, bigger, firstPart, used - firstPart);
        }
        buffer.wrap(bigger);
        capacity = newCapacity;
        head = 0;
        tail = wrap(used);
    }

    private void evictOldest()
    {
        while (used > 0 && isPadding(head))
        {
            removeHead();
        }
        if (used > 0)
        {
            firstSequence = buffer.getLong(head + SEQUENCE_AT) + 1;
            removeHead();
            evictedMessages++;
        }
    }

    private void removeHead()
    {
        final int record = buffer.getInt(head + RECORD_LENGTH_AT);
        used -= record;
        head = wrap(head + record);
    }

    private boolean isPadding(final int at)
    {
        return buffer.getInt(at + MESSAGE_LENGTH_AT) == PADDING;
    }

    private int wrap(final int position)
    {
        return position == capacity ? 0 : position;
    }

    private static int sequenceDigitsStart(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + Math.min(length, SEQUENCE_SEARCH_LIMIT) - SEQUENCE_FIELD.length;
        for (int i = offset; i <= limit; i++)
        {
            if (matches(buffer, i))
            {
                return i + SEQUENCE_FIELD.length;
            }
        }
        throw new IllegalArgumentException("message has no sequence field in its first bytes");
    }

    private static boolean matches(final DirectBuffer buffer, final int at)
    {
        for (int j = 0; j < SEQUENCE_FIELD.length; j++)
        {
            if (buffer.getByte(at + j) != SEQUENCE_FIELD[j])
            {
                return false;
            }
        }
        return true;
    }

    private static int digitsEnd(final DirectBuffer buffer, final int digitsStart, final int end)
    {
        int i = digitsStart;
        while (i < end && buffer.getByte(i) >= '0' && buffer.getByte(i) <= '9')
        {
            i++;
        }
        return i;
    }

    /** One retained message, valid only during the call. */
    @FunctionalInterface
    interface Replay
    {
        void onMessage(DirectBuffer buffer, int offset, int length, int sequenceDigitsStart, int sequenceDigitsEnd);
    }
}
