package io.tokenfeed.engine.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import io.tokenfeed.engine.PeriodicAgent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the ingest-to-socket latency of the last interval (p50, p99, p99.9, max) once per interval. */
public final class LatencyLogAgent extends PeriodicAgent
{
    private static final Logger LOG = LoggerFactory.getLogger(LatencyLogAgent.class);

    private final LatencyTracker tracker;

    public LatencyLogAgent(final LatencyTracker tracker, final EpochClock clock, final long intervalMs)
    {
        super(clock, intervalMs, false);
        this.tracker = tracker;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        final Histogram h = tracker.nextInterval();
        if (h.getTotalCount() == 0)
        {
            LOG.info("ingest-to-socket latency: no deliveries in the last {} s", TimeUnit.MILLISECONDS.toSeconds(intervalMs()));
        }
        else
        {
            LOG.info("ingest-to-socket latency over {} deliveries in the last {} s: p50={} us p99={} us p99.9={} us max={} us",
                h.getTotalCount(), TimeUnit.MILLISECONDS.toSeconds(intervalMs()),
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
        }
    }

    @Override
    public String roleName()
    {
        return "latency-log";
    }

    private static long micros(final long ns)
    {
        return TimeUnit.NANOSECONDS.toMicros(ns);
    }
}
