package io.tokenfeed.engine.latency;

import io.tokenfeed.engine.PeriodicAgent;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the latency budget (design: the sub-100 ms budget is enforced, not only recorded): once a second it reads
 * the tracker's sliding window; when p99 is over the budget the instance is in breach — one WARN line with the figures,
 * a breach counted, readiness degraded — until p99 is back under it (one INFO line). An empty window is not a breach.
 * The agent's thread is the single writer of the state; any thread reads it.
 */
public final class LatencyBudget extends PeriodicAgent
{
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBudget.class);
    private static final long EVALUATION_INTERVAL_MS = 1000;

    private final LatencyTracker tracker;
    private final long budgetNs;
    private volatile String breach;
    private volatile long breaches;
    private volatile long windowP99Ns;

    public LatencyBudget(final LatencyTracker tracker, final EpochClock clock, final long budgetMs)
    {
        super(clock, EVALUATION_INTERVAL_MS, false);
        this.tracker = tracker;
        this.budgetNs = budgetMs * 1_000_000L;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        final Histogram window = tracker.window();
        final long p99 = window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(99);
        windowP99Ns = p99;
        if (p99 > budgetNs)
        {
            final String reason = String.format(Locale.ROOT, "latency_budget_exceeded: p99 %.1f ms > %d ms over the last %d s",
                p99 / 1e6, budgetNs / 1_000_000, tracker.windowMs() / 1000);
            if (breach == null)
            {
                breaches++;
                LOG.warn("latency budget exceeded: ingest-to-socket p99 {} ms > budget {} ms over the last {} s ({} deliveries, "
                    + "p99.9 {} ms, max {} ms); /health/ready reports DEGRADED until it recovers", millis(p99), budgetNs / 1_000_000,
                    tracker.windowMs() / 1000, window.getTotalCount(), millis(window.getValueAtPercentile(99.9)),
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
