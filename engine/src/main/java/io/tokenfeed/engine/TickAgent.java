package io.tokenfeed.engine;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * Publishes a timer tick on the ring every {@code tickIntervalMs}, so deadlines (idle heartbeats) run on the fan-out
 * thread that owns the sessions: time is an event, like everything else the stage reacts to.
 */
final class TickAgent implements Agent
{
    private final EngineIngress ingress;
    private final EpochClock clock;
    private final long tickIntervalMs;
    private long nextTickMs;

    TickAgent(final EngineIngress ingress, final EpochClock clock, final long tickIntervalMs)
    {
        this.ingress = ingress;
        this.clock = clock;
        this.tickIntervalMs = tickIntervalMs;
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextTickMs)
        {
            return 0;
        }
        nextTickMs = nowMs + tickIntervalMs;
        ingress.tick();
        return 1;
    }

    @Override
    public String roleName()
    {
        return "timer";
    }

    /** Ticks often enough that a heartbeat is at most a quarter interval late, and never more than once per 10 ms. */
    static long tickIntervalFor(final long heartbeatIntervalMs)
    {
        return Math.max(10, Math.min(1000, heartbeatIntervalMs / 4));
    }
}
