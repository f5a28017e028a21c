package io.tokenfeed.perf;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Everything the subscribers see, checked against the plan: latency of every delivery from its intended send time
 * (corrected: no coordinated omission) and from the actual send of its batch (uncorrected, for comparison); every
 * connection's sequence; every (connection, token) version, so missing and duplicate deliveries are counted, not
 * guessed. Written by the subscriber loop's thread only; read after it stopped.
 */
public final class DeliveryRecorder
{
    private static final long MAX_LATENCY_US = 3_600_000_000L;

    private final TokenPlan plan;
    private final int subscriptions;
    private final long[] lastVersion;
    private final long[] lastSequence;
    private final AtomicLongArray batchSentNs;
    private final int batch;
    private final long recordFromUpdate;
    private final Histogram corrected = new Histogram(MAX_LATENCY_US, 3);
    private final Histogram uncorrected = new Histogram(MAX_LATENCY_US, 3);
    private volatile long startNs;
    private volatile long deliveries;
    private long duplicates;
    private long missing;
    private long gaps;
    private long foreign;

    public DeliveryRecorder(final TokenPlan plan, final HarnessOptions options, final AtomicLongArray batchSentNs)
    {
        this.plan = plan;
        this.subscriptions = options.subscriptions();
        this.lastVersion = new long[options.connections() * options.subscriptions()];
        this.lastSequence = new long[options.connections()];
        this.batchSentNs = batchSentNs;
        this.batch = options.batch();
        this.recordFromUpdate = (long)options.warmupSeconds() * options.rate();
    }

    /** The schedule's time zero (System.nanoTime()), set by the publisher before its first batch. */
    public void start(final long startNs)
    {
        this.startNs = startNs;
    }

    /** @return false when the message broke the connection's sequence (a gap or a repeat) */
    public boolean onSequence(final int connection, final long sequence)
    {
        final boolean next = sequence == lastSequence[connection] + 1;
        if (!next)
        {
            gaps++;
        }
        lastSequence[connection] = sequence;
        return next;
    }

    /** One live (not snapshot) entry of a token update received on {@code connection}. */
    public void onDelivery(final int connection, final int token, final long version, final long receivedNs)
    {
        final int slot = plan.slot(connection, token);
        if (slot < 0)
        {
            foreign++;
            return;
        }
        final long last = lastVersion[slot];
        if (version <= last)
        {
            duplicates++;
            return;
        }
        missing += version - last - 1;
        lastVersion[slot] = version;
        deliveries++;
        final long update = plan.update(token, version);
        if (update >= recordFromUpdate)
        {
            // A batch is due when its first update is: that is when each of its updates was meant to leave.
            final long intendedNs = startNs + plan.dueNs(update - update % batch);
            corrected.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, receivedNs - intendedNs) / 1000));
            final long sentNs = batchSentNs.get((int)(update / batch));
            if (sentNs != 0)
            {
                uncorrected.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, receivedNs - sentNs) / 1000));
            }
        }
    }

    /** Deliveries counted so far; readable from any thread (approximate while the loop runs). */
    public long deliveries()
    {
        return deliveries;
    }

    /** After the run: every followed token should be at the last version published; what is short is missing. */
    public void finish(final long updatesPublished, final int connections)
    {
        for (int c = 0; c < connections; c++)
        {
            for (int j = 0; j < subscriptions; j++)
            {
                final int token = plan.token(c, j);
                final long finalVersion = versionsPublished(token, updatesPublished);
                final long last = lastVersion[c * subscriptions + j];
                if (finalVersion > last)
                {
                    missing += finalVersion - last;
                }
            }
        }
    }

    /** How many versions of {@code token} the first {@code updates} updates carried. */
    long versionsPublished(final int token, final long updates)
    {
        final long tokens = plan.tokenCount();
        return updates <= token ? 0 : (updates - token + tokens - 1) / tokens;
    }

    /** Deliveries the plan expects from the first {@code updates} updates. */
    public long expected(final long updates)
    {
        long expected = 0;
        for (int t = 0; t < plan.tokenCount(); t++)
        {
            expected += versionsPublished(t, updates) * plan.subscribers(t);
        }
        return expected;
    }

    public Histogram corrected()
    {
        return corrected;
    }

    public Histogram uncorrected()
    {
        return uncorrected;
    }

    public long duplicates()
    {
        return duplicates;
    }

    public long missing()
    {
        return missing;
    }

    public long gaps()
    {
        return gaps;
    }

    /** Entries for tokens the connection does not follow (never expected). */
    public long foreign()
    {
        return foreign;
    }
}
