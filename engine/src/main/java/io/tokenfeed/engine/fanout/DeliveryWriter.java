package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.protocol.MessageType;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.NanoClock;

/**
 * Turns a list of token ids into as few messages as the limits allow: one {@code token_update} for a single token,
 * otherwise {@code token_batch} messages of at most {@code maxBatchTokens} entries and {@code maxMessageBytes} bytes.
 * Every message takes the session's next sequence at the moment it is sent. Fan-out thread only.
 */
final class DeliveryWriter
{
    private final TokenStateStore store;
    private final MessageFramer framer;
    private final LatencyTracker latency;
    private final NanoClock nanoClock;
    private final int maxBatchTokens;
    private final int maxMessageBytes;
    private final IntArrayList knownScratch = new IntArrayList();
    private final PipelineCounters counters;
    private long messagesSent;
    private long tokensDelivered;

    DeliveryWriter(
        final TokenStateStore store,
        final LatencyTracker latency,
        final NanoClock nanoClock,
        final int maxBatchTokens,
        final int maxMessageBytes,
        final PipelineCounters counters)
    {
        this.counters = counters;
        this.store = store;
        this.framer = new MessageFramer(store);
        this.latency = latency;
        this.nanoClock = nanoClock;
        this.maxBatchTokens = maxBatchTokens;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Sends the session's pending live updates (all of known tokens: they were just stored), then clears them. */
    void flush(final Session session, final long timestampMs)
    {
        final IntArrayList pending = session.pending();
        try
        {
            if (!pending.isEmpty())
            {
                send(session, pending, false, timestampMs);
            }
        }
        finally
        {
            session.clearPending();
        }
    }

    /** Sends the current state of the given tokens as snapshots; tokens without known state are skipped. */
    void snapshot(final Session session, final IntArrayList tokenIds, final long timestampMs)
    {
        knownScratch.clear();
        for (int i = 0, size = tokenIds.size(); i < size; i++)
        {
            final int tokenId = tokenIds.getInt(i);
            if (store.isKnown(tokenId))
            {
                knownScratch.addInt(tokenId);
            }
        }
        send(session, knownScratch, true, timestampMs);
    }

    long messagesSent()
    {
        return messagesSent;
    }

    long tokensDelivered()
    {
        return tokensDelivered;
    }

    private void send(final Session session, final IntArrayList tokens, final boolean snapshot, final long timestampMs)
    {
        final int size = tokens.size();
        int from = 0;
        while (from < size)
        {
            final int to = chunkEnd(tokens, from, size, snapshot);
            final int count = to - from;
            final long sequence = session.nextSequence();
            final int length = count == 1
                ? framer.tokenUpdate(sequence, timestampMs, tokens.getInt(from), snapshot)
                : framer.tokenBatch(sequence, timestampMs, tokens, from, to, snapshot);
            session.send(framer.buffer(), 0, length, timestampMs);
            counters.sent(count == 1 ? MessageType.TOKEN_UPDATE : MessageType.TOKEN_BATCH, length);
            counters.batch(count);
            messagesSent++;
            tokensDelivered += count;
            if (!snapshot)
            {
                recordLatency(tokens, from, to);
            }
            from = to;
        }
    }

    /** End (exclusive) of the next chunk: stops at the entry or the byte limit, never below one entry. */
    private int chunkEnd(final IntArrayList tokens, final int from, final int size, final boolean snapshot)
    {
        int bytes = MessageFramer.BATCH_OVERHEAD;
        int entries = 0;
        int i = from;
        while (i < size && entries < maxBatchTokens)
        {
            final int entry = framer.entryBytes(tokens.getInt(i), snapshot);
            if (entries > 0 && bytes + entry > maxMessageBytes)
            {
                break;
            }
            bytes += entry;
            entries++;
            i++;
        }
        return i;
    }

    private void recordLatency(final IntArrayList tokens, final int from, final int to)
    {
        final long nowNs = nanoClock.nanoTime();
        for (int i = from; i < to; i++)
        {
            latency.recordNs(nowNs - store.enqueuedNs(tokens.getInt(i)));
        }
    }
}
