package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.PeriodicAgent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what the delivery guarantees did over the last interval — resumes, slow consumers, conflation — and what they
 * hold (resume buffers, detached sessions), once per interval and only when there is something to say.
 */
public final class DeliveryLogAgent extends PeriodicAgent
{
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogAgent.class);

    private final DeliveryStats stats;
    private long replayed;
    private long unavailable;
    private long slow;
    private long conflated;
    private long expired;

    public DeliveryLogAgent(final DeliveryStats stats, final EpochClock clock, final long intervalMs)
    {
        super(clock, intervalMs, false);
        this.stats = stats;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        final long newReplayed = stats.resumesReplayed() - replayed;
        final long newUnavailable = stats.resumesUnavailable() - unavailable;
        final long newSlow = stats.slowConsumers() - slow;
        final long newConflated = stats.conflatedUpdates() - conflated;
        final long newExpired = stats.sessionsExpired() - expired;
        replayed += newReplayed;
        unavailable += newUnavailable;
        slow += newSlow;
        conflated += newConflated;
        expired += newExpired;
        final long events = newReplayed + newUnavailable + newSlow + newConflated + newExpired;
        if (events > 0 || stats.detachedSessions() > 0 || stats.heldSessions() > 0)
        {
            LOG.info("delivery in the last {} s: resumes {} replayed / {} unavailable, {} slow consumers closed, {} updates conflated, "
                    + "{} detached sessions expired; now {} detached, {} held back, resume buffers {} KiB used of {} KiB held",
                intervalMs() / 1000, newReplayed, newUnavailable, newSlow, newConflated, newExpired, stats.detachedSessions(),
                stats.heldSessions(), stats.retainedBytes() / 1024, stats.retainedCapacityBytes() / 1024);
        }
    }

    @Override
    public String roleName()
    {
        return "delivery-log";
    }
}
