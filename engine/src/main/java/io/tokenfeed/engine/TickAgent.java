package io.tokenfeed.engine;

import org.agrona.concurrent.EpochClock;

/**
 * Publishes a timer tick on the ring every {@code tickIntervalMs}, so deadlines (idle heartbeats) run on the fan-out
 * thread that owns the sessions: time is an event, like everything else the stage reacts to.
 */
final class TickAgent extends PeriodicAgent
{
    private final EngineIngress ingress;

    TickAgent(final EngineIngress ingress, final EpochClock clock, final long tickIntervalMs)
    {
        super(clock, tickIntervalMs, true);
        this.ingress = ingress;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        ingress.tick();
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
