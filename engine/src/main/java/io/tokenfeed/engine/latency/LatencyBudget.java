package io.tokenfeed.engine.latency;

import io.tokenfeed.engine.PeriodicAgent;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the latency budget (design: the sub-100 ms budget is enforced, not only recorded): once a second it reads
 * the tracker's sliding window; when p99 is over the budget the instance is in breach — one WARN line with the figures,
 * a breach counted, readiness degraded — until p99 is back under it (one INFO line). A stalled fan-out stage records
 * no latency at all, so an empty window is a breach too when events wait in the ring and the stage has not moved for
 * longer than the budget. It also drains the stage-dwell trackers each second, so their windows follow time whether
 * or not anyone scrapes them. The agent's thread is the single writer of the state; any thread reads it.
 */
public final class LatencyBudget extends PeriodicAgent
{
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBudget.class);
    private static final long EVALUATION_INTERVAL_MS = 1000;

    private final LatencyTracker tracker;
    private final StageDwell dwell;
    private final LongSupplier waitingEvents;
    private final LongSupplier fanOutProgress;
    private final long budgetNs;
    private long lastProgress = Long.MIN_VALUE;
    private long lastProgressMs;
    private volatile String breach;
    private volatile long breaches;
    private volatile long windowP99Ns;

    /**
     * @param waitingEvents  events published to the ring and not yet taken by the fan-out stage
     * @param fanOutProgress the fan-out stage's sequence: it moves whenever the stage takes events
     */
    public LatencyBudget(final LatencyTracker tracker, final StageDwell dwell, final LongSupplier waitingEvents,
        final LongSupplier fanOutProgress, final EpochClock clock, final long budgetMs)
    {
        super(clock, EVALUATION_INTERVAL_MS, false);
        this.tracker = tracker;
        this.dwell = dwell;
        this.waitingEvents = waitingEvents;
        this.fanOutProgress = fanOutProgress;
        this.budgetNs = budgetMs * 1_000_000L;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        dwell.apply().drainNow();
        dwell.encode().drainNow();
        dwell.fanOut().drainNow();
        final Histogram window = tracker.window();
        final long p99 = window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(99);
        windowP99Ns = p99;
        final long stalledMs = stalledMs(nowMs);
        if (p99 > budgetNs || stalledMs > budgetNs / 1_000_000)
        {
            final String reason = p99 > budgetNs
                ? String.format(Locale.ROOT, "latency_budget_exceeded: p99 %.1f ms > %d ms over the last %d s", p99 / 1e6,
                    budgetNs / 1_000_000, tracker.windowMs() / 1000)
                : String.format(Locale.ROOT, "pipeline_stalled: the fan-out stage has not moved for %d ms with %d events waiting",
                    stalledMs, waitingEvents.getAsLong());
            if (breach == null)
            {
                breaches++;
                LOG.warn("latency budget exceeded ({}): {} deliveries in the window, p99.9 {} ms, max {} ms; /health/ready reports "
                    + "DEGRADED until it recovers", reason, window.getTotalCount(), millis(window.getValueAtPercentile(99.9)),
                    millis(window.getMaxValue()));
            }
            breach = reason;
        }
        else if (breach != null)
        {
            breach = null;
            LOG.info("latency budget recovered: ingest-to-socket p99 {} ms <= budget {} ms over the last {} s", millis(p99),
                budgetNs / 1_000_000, tracker.windowMs() / 1000);
        }
    }

    /** How long the fan-out stage has not moved while events wait for it (0 when it keeps up or the ring is empty). */
    private long stalledMs(final long nowMs)
    {
        final long progress = fanOutProgress.getAsLong();
        if (progress != lastProgress || waitingEvents.getAsLong() <= 0)
        {
            lastProgress = progress;
            lastProgressMs = nowMs;
            return 0;
        }
        return nowMs - lastProgressMs;
    }

    /** @return null within budget; otherwise the reason readiness reports, with the figures */
    public String breach()
    {
        return breach;
    }

    /** @return times the budget went from met to exceeded */
    public long breaches()
    {
        return breaches;
    }

    /** @return the window's p99 at the last evaluation, in nanoseconds (0 for an empty window) */
    public long windowP99Ns()
    {
        return windowP99Ns;
    }

    public long budgetNs()
    {
        return budgetNs;
    }

    private static String millis(final long ns)
    {
        return String.format(Locale.ROOT, "%.2f", ns / 1e6);
    }

    @Override
    public String roleName()
    {
        return "latency-budget";
    }
}
