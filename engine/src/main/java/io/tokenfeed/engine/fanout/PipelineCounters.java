package io.tokenfeed.engine.fanout;

import io.tokenfeed.protocol.ErrorCode;
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

    private final AtomicLongArray errors = new AtomicLongArray(ErrorCode.values().length);
    private final AtomicLongArray ingest = new AtomicLongArray(3);

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
