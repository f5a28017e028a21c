package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientMetrics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/** {@link ClientMetrics}: written by the client thread, read by any. */
public final class SubscriberCounters extends ConnectionCounters implements ClientMetrics
{
    /** One hour: a message older than that is recorded as that old. */
    private static final long HIGHEST_LATENCY_MS = 3_600_000L;

    private final SingleWriterRecorder latency = new SingleWriterRecorder(HIGHEST_LATENCY_MS, 3);
    private final Histogram total = new Histogram(HIGHEST_LATENCY_MS, 3);
    private Histogram interval;
    private volatile long updatesDelivered;
    private volatile long gaps;
    private volatile long staleDrops;
    private volatile long resumes;
    private volatile long resumesUnavailable;
    private volatile long replayedMessages;
    private volatile long acksSent;

    void delivered(final int updates)
    {
        updatesDelivered = updatesDelivered + updates;
    }

    void gap()
    {
        gaps = gaps + 1;
    }

    void stale()
    {
        staleDrops = staleDrops + 1;
    }

    void resumed()
    {
        resumes = resumes + 1;
    }

    void resumeUnavailable()
    {
        resumesUnavailable = resumesUnavailable + 1;
    }

    void replayed()
    {
        replayedMessages = replayedMessages + 1;
    }

    void ackSent()
    {
        acksSent = acksSent + 1;
    }

    void latency(final long ms)
    {
        latency.recordValue(Math.min(Math.max(ms, 0), HIGHEST_LATENCY_MS));
    }

    @Override
    public long updatesDelivered()
    {
        return updatesDelivered;
    }

    @Override
    public long duplicates()
    {
        return duplicateMessages();
    }

    @Override
    public long gaps()
    {
        return gaps;
    }

    @Override
    public long staleDrops()
    {
        return staleDrops;
    }

    @Override
    public long resumes()
    {
        return resumes;
    }

    @Override
    public long resumesUnavailable()
    {
        return resumesUnavailable;
    }

    @Override
    public long replayedMessages()
    {
        return replayedMessages;
    }

    @Override
    public long acksSent()
    {
        return acksSent;
    }

    @Override
    public synchronized Histogram receiveLatencyMs()
    {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
