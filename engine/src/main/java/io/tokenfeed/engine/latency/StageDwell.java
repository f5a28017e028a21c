package io.tokenfeed.engine.latency;

import org.agrona.concurrent.EpochClock;

/**
 * How long token updates wait in the ring before each stage takes them — apply, encode, fan-out — measured from the
 * moment they were published: where the time goes when ingest-to-socket latency grows. One tracker per stage, each
 * written by its stage's thread only (a wait-free recorder), with the same sliding window as the delivery latency.
 */
public final class StageDwell
{
    private final LatencyTracker apply;
    private final LatencyTracker encode;
    private final LatencyTracker fanOut;

    public StageDwell(final EpochClock clock, final long windowMs)
    {
        this.apply = new LatencyTracker(clock, windowMs);
        this.encode = new LatencyTracker(clock, windowMs);
        this.fanOut = new LatencyTracker(clock, windowMs);
    }

    /** Publication to the apply stage. */
    public LatencyTracker apply()
    {
        return apply;
    }

    /** Publication to the encode stage. */
    public LatencyTracker encode()
    {
        return encode;
    }

    /** Publication to the fan-out stage. */
    public LatencyTracker fanOut()
    {
        return fanOut;
    }
}
