package io.tokenfeed.engine.fanout;

import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Builds one connection's {@code token_update} / {@code token_batch} message from a small per-connection header
 * ({@code type}, {@code sequence}, {@code timestamp}) and the shared encoded token data: a copy of bytes per
 * delivery, never a serialisation. Fan-out thread only; the returned bytes are valid until the next call.
 *
 * <pre>
 * {"type":"token_update","sequence":S,"timestamp":T,"data":DATA SUFFIX}
 * {"type":"token_batch","sequence":S,"timestamp":T,"data":{"count":N,"updates":[DATA SUFFIX,DATA SUFFIX]}}
 * SUFFIX = }  |  ,"snapshot":true}
 * </pre>
 */
final class MessageFramer
{
    /** Upper bound of a batch message's bytes besides its entries (19-digit numbers, 4-digit count). */
    static final int BATCH_OVERHEAD = 128;

    private static final byte[] UPDATE_HEAD = ascii("{\"type\":\"token_update\",\"sequence\":");
    private static final byte[] BATCH_HEAD = ascii("{\"type\":\"token_batch\",\"sequence\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] DATA = ascii(",\"data\":");
    private static final byte[] COUNT = ascii(",\"data\":{\"count\":");
    private static final byte[] UPDATES = ascii(",\"updates\":[");
    private static final byte[] BATCH_TAIL = ascii("]}}");
    private static final byte[] LIVE_SUFFIX = ascii("}");
    private static final byte[] SNAPSHOT_SUFFIX = ascii(",\"snapshot\":true}");

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final TokenStateStore store;

    MessageFramer(final TokenStateStore store)
    {
        this.store = store;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** Bytes one entry adds to a batch, separator included. */
    int entryBytes(final int tokenId, final boolean snapshot)
    {
        return store.length(tokenId) + suffix(snapshot).length + 1;
    }

    int tokenUpdate(final long sequence, final long timestampMs, final int tokenId, final boolean snapshot)
    {
        int at = put(0, UPDATE_HEAD);
        at = header(at, sequence, timestampMs);
        at = put(at, DATA);
        at += store.copyTo(tokenId, buffer, at);
        at = put(at, suffix(snapshot));
        buffer.putByte(at, (byte)'}');
        return at + 1;
    }

    /** Frames {@code tokens[from, to)} as one batch. */
    int tokenBatch(
        final long sequence, final long timestampMs, final IntArrayList tokens, final int from, final int to, final boolean snapshot)
    {
        final byte[] suffix = suffix(snapshot);
        int at = put(0, BATCH_HEAD);
        at = header(at, sequence, timestampMs);
        at = put(at, COUNT);
        at += buffer.putNaturalIntAscii(at, to - from);
        at = put(at, UPDATES);
        for (int i = from; i < to; i++)
        {
            if (i > from)
            {
                buffer.putByte(at++, (byte)',');
            }
            at += store.copyTo(tokens.getInt(i), buffer, at);
            at = put(at, suffix);
        }
        return put(at, BATCH_TAIL);
    }

    private int header(final int at, final long sequence, final long timestampMs)
    {
        int i = at + buffer.putNaturalLongAscii(at, sequence);
        i = put(i, TIMESTAMP);
        return i + buffer.putNaturalLongAscii(i, timestampMs);
    }

    private int put(final int at, final byte[] bytes)
    {
        buffer.putBytes(at, bytes);
        return at + bytes.length;
    }

    private static byte[] suffix(final boolean snapshot)
    {
        return snapshot ? SNAPSHOT_SUFFIX : LIVE_SUFFIX;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
