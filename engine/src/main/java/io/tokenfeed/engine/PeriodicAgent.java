package io.tokenfeed.engine;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/** An agent that does its work once per interval of the epoch clock, and nothing in between. */
public abstract class PeriodicAgent implements Agent
{
    private final EpochClock clock;
    private final long intervalMs;
    private final boolean firstAtStart;
    private long nextMs;

    /** @param firstAtStart run at once when started, or only after the first interval */
    protected PeriodicAgent(final EpochClock clock, final long intervalMs, final boolean firstAtStart)
    {
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.firstAtStart = firstAtStart;
    }

    /** Called once per interval. */
    protected abstract void onInterval(long nowMs);

    protected final long intervalMs()
    {
        return intervalMs;
    }

    @Override
    public void onStart()
    {
        nextMs = firstAtStart ? clock.time() : clock.time() + intervalMs;
    }

    @Override
    public final int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextMs)
        {
            return 0;
        }
        nextMs = nowMs + intervalMs;
        onInterval(nowMs);
        return 1;
    }
}
