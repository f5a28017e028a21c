package io.tokenfeed.engine.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the ingest-to-socket latency of the last interval (p50, p99, p99.9, max) once per interval. */
public final class LatencyLogAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(LatencyLogAgent.class);

    private final LatencyTracker tracker;
    private final EpochClock clock;
    private final long intervalMs;
    private long nextLogMs;

    public LatencyLogAgent(final LatencyTracker tracker, final EpochClock clock, final long intervalMs)
    {
        this.tracker = tracker;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    @Override
    public void onStart()
    {
        nextLogMs = clock.time() + intervalMs;
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextLogMs)
        {
            return 0;
        }
        nextLogMs = nowMs + intervalMs;
        final Histogram h = tracker.nextInterval();
        if (h.getTotalCount() == 0)
        {
            LOG.info("ingest-to-socket latency: no deliveries in the last {} s", TimeUnit.MILLISECONDS.toSeconds(intervalMs));
        }
        else
        {
            LOG.info("ingest-to-socket latency over {} deliveries in the last {} s: p50={} us p99={} us p99.9={} us max={} us",
                h.getTotalCount(), TimeUnit.MILLISECONDS.toSeconds(intervalMs),
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
        }
        return 1;
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
