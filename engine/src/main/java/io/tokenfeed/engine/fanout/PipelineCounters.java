package io.tokenfeed.engine.fanout;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.MessageType;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Error messages sent, by code, and what became of ingested updates, counted by the fan-out stage (the single writer:
 * every error and every ingest answer leaves through it) and read by the exporter on another thread. Ordered writes
 * ({@code lazySet}), no locks, no allocation.
 */
public final class PipelineCounters
{
    private static final int APPLIED = 0;
    private static final int DUPLICATE = 1;
    private static final int REJECTED = 2;
    /** Upper bounds (inclusive) of the batch-size buckets: entries per {@code token_update} (1) or {@code token_batch}. */
    private static final long[] BATCH_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private final AtomicLongArray errors = new AtomicLongArray(ErrorCode.values().length);
    private final AtomicLongArray ingest = new AtomicLongArray(3);
    private final AtomicLongArray sentMessages = new AtomicLongArray(MessageType.values().length);
    private final AtomicLongArray sentBytes = new AtomicLongArray(MessageType.values().length);
    private final AtomicLongArray batchBuckets = new AtomicLongArray(BATCH_BOUNDS.length);
    private final AtomicLongArray batchTotals = new AtomicLongArray(2);

    /** @return how many of this code have been sent, this one included */
    long error(final ErrorCode code)
    {
        add(errors, code.ordinal(), 1);
        return errors.get(code.ordinal());
    }

    void ingested(final long applied, final long duplicates, final long rejected)
    {
        add(ingest, APPLIED, applied);
        add(ingest, DUPLICATE, duplicates);
        add(ingest, REJECTED, rejected);
    }

    /** One message handed to a session (replays are counted apart, as replays). */
    void sent(final MessageType type, final int bytes)
    {
        add(sentMessages, type.ordinal(), 1);
        add(sentBytes, type.ordinal(), bytes);
    }

    /** One token data message of {@code entries} token states (1 for a {@code token_update}). */
    void batch(final int entries)
    {
        int bucket = 0;
        while (bucket < BATCH_BOUNDS.length - 1 && entries > BATCH_BOUNDS[bucket])
        {
            bucket++;
        }
        add(batchBuckets, bucket, 1);
        add(batchTotals, 0, 1);
        add(batchTotals, 1, entries);
    }

    public long messagesSent(final MessageType type)
    {
        return sentMessages.get(type.ordinal());
    }

    public long bytesSent(final MessageType type)
    {
        return sentBytes.get(type.ordinal());
    }

    /** Upper bounds of the batch-size buckets (the last is the batch limit, 1000). */
    public static long[] batchBounds()
    {
        return BATCH_BOUNDS.clone();
    }

    /** Data messages whose entries were above the previous bound and at most {@code batchBounds()[bucket]}. */
    public long batchesIn(final int bucket)
    {
        return batchBuckets.get(bucket);
    }

    public long batchCount()
    {
        return batchTotals.get(0);
    }

    public long batchEntries()
    {
        return batchTotals.get(1);
    }

    /** {@code error} messages sent to sessions with this code (refusals before a session exists are not among them). */
    public long errors(final ErrorCode code)
    {
        return errors.get(code.ordinal());
    }

    /** Ingested updates applied (newer than the token's version). */
    public long ingestApplied()
    {
        return ingest.get(APPLIED);
    }

    /** Ingested updates not newer than the token's version: acknowledged, not applied. */
    public long ingestDuplicates()
    {
        return ingest.get(DUPLICATE);
    }

    /** Ingested updates rejected as invalid (listed in the ack's {@code rejected}). */
    public long ingestRejected()
    {
        return ingest.get(REJECTED);
    }

    private static void add(final AtomicLongArray counters, final int index, final long delta)
    {
        // One writer: a plain read-add-ordered-write is exact and cheaper than an atomic add.
        counters.lazySet(index, counters.get(index) + delta);
    }
}
