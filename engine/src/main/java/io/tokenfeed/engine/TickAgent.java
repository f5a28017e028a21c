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

    /**
     * Ticks often enough that a deadline (heartbeat, slow consumer, resume window) is at most a quarter of it late, and
     * a held-back connection waits at most 100 ms after its socket drained; never more than once per 10 ms.
     */
    static long tickIntervalFor(final EngineConfig config)
    {
        long interval = Math.min(100, Math.min(config.heartbeatIntervalMs(), config.delivery().slowConsumerTimeoutMs()) / 4);
        if (config.resumeWindowMs() > 0)
        {
            interval = Math.min(interval, config.resumeWindowMs() / 4);
        }
        return Math.max(10, interval);
    }
}
