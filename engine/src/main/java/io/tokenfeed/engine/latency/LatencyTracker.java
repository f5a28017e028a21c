package io.tokenfeed.engine.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Ingest-to-socket latency: from an update entering the ring to its message being handed to a connection's
 * transport, one value per delivery, in nanoseconds.
 *
 * <p>The fan-out thread is the single writer ({@link #recordNs}, wait-free, no allocation). Readers on any other
 * thread drain the recorder's interval histograms under this object's lock into a cumulative histogram and an
 * interval histogram of their own, so the periodic log and a test can both read without disturbing each other.
 */
public final class LatencyTracker
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(1);

    private static final long DEFAULT_WINDOW_MS = 10_000;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
    private final Histogram sinceLastInterval = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
    private final EpochClock clock;
    private final LatencyWindow window;
    private Histogram recycled;
    private long count;
    private double sumNs;

    /** A 10 s sliding window on the system clock (benchmarks and tests). */
    public LatencyTracker()
    {
        this(SystemEpochClock.INSTANCE, DEFAULT_WINDOW_MS);
    }

    /** @param windowMs the sliding window of {@link #window()}: the latency budget's and the exporter's view */
    public LatencyTracker(final EpochClock clock, final long windowMs)
    {
        this.clock = clock;
        this.window = new LatencyWindow(windowMs, HIGHEST_TRACKABLE_NS);
    }

    /** Writer side: one delivery's latency. */
    public void recordNs(final long latencyNs)
    {
        recorder.recordValue(Math.min(Math.max(latencyNs, 1), HIGHEST_TRACKABLE_NS));
    }

    /** A copy of everything recorded since start (or since {@link #reset}). */
    public synchronized Histogram cumulative()
    {
        drain();
        return total.copy();
    }

    /** A copy of what was recorded since the previous call of this method, then starts a new interval. */
    public synchronized Histogram nextInterval()
    {
        drain();
        final Histogram copy = sinceLastInterval.copy();
        sinceLastInterval.reset();
        return copy;
    }

    /** A copy of the latencies of the last {@link #windowMs()} (sliding in tenths of it). */
    public synchronized Histogram window()
    {
        drain();
        return window.snapshot(clock.time());
    }

    /** Values recorded since start: a counter (never goes down, unlike the window's count). */
    public synchronized long count()
    {
        drain();
        return count;
    }

    /** Their sum in nanoseconds (HdrHistogram's bucket precision), since start: a counter. */
    public synchronized double sumNs()
    {
        drain();
        return sumNs;
    }

    /** Moves what was recorded into the window now, so the window's slots follow time even when nobody reads it. */
    public synchronized void drainNow()
    {
        drain();
    }

    public long windowMs()
    {
        return window.windowMs();
    }

    /** Forgets everything recorded so far: for measuring one phase of a run. */
    public synchronized void reset()
    {
        drain();
        total.reset();
        sinceLastInterval.reset();
    }

    private void drain()
    {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        sinceLastInterval.add(recycled);
        window.add(recycled, clock.time());
        count += recycled.getTotalCount();
        sumNs += recycled.getMean() * recycled.getTotalCount();
    }
}
