package io.tokenfeed.perf;

import io.tokenfeed.perf.client.SubscriberLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The {@code snapshot-storm} scenario: every token gets a state first, then all connections subscribe to K tokens each at
 * once; measured from the first subscription sent to the last snapshot received (target: 100 ms for 1,000 x 100).
 */
final class SnapshotStorm
{
    private static final long TIMEOUT_NS = 60_000_000_000L;

    private SnapshotStorm()
    {
    }

    /** @return the report as text; JSON to {@code options.jsonPath()} when set */
    static String run(final HarnessOptions options, final InetSocketAddress address, final long tokenBase) throws IOException
    {
        final TokenPlan plan = new TokenPlan(options, tokenBase);
        final HarnessOptions fill = options.withRate(1_000_000);
        final int batches = (options.tokens() + fill.batch() - 1) / fill.batch();
        final AtomicLongArray sentNs = new AtomicLongArray(batches);
        try (IngestPublisher publisher = new IngestPublisher(address, plan, fill, sentNs))
        {
            publisher.run(System.nanoTime(), batches);
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while (publisher.accepted() < options.tokens() && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(1_000_000L);
            }
            if (publisher.accepted() < options.tokens())
            {
                throw new IOException("only " + publisher.accepted() + " of " + options.tokens() + " token states accepted: "
                    + publisher.firstRefusal());
            }
        }
        final SubscriberLoop subscribers = SubscriberLoop.open(address, options.connections(), options.subscriptions(), plan, 0,
            new DeliveryRecorder(plan, options, sentNs), TIMEOUT_NS / 1_000_000);
        try
        {
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while (subscribers.snapshotsComplete() < options.connections() && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        finally
        {
            subscribers.close();
        }
        final Histogram perConnection = new Histogram(3_600_000_000L, 3);
        long lastNs = 0;
        int complete = 0;
        for (final long doneNs : subscribers.snapshotsDoneNs())
        {
            if (doneNs != 0)
            {
                complete++;
                lastNs = Math.max(lastNs, doneNs);
                perConnection.recordValue((doneNs - subscribers.subscribeStartNs()) / 1000);
            }
        }
        final double stormMs = (lastNs - subscribers.subscribeStartNs()) / 1e6;
        final String text = String.format(Locale.ROOT, "snapshot storm — %d connections x %d of %d tokens subscribed at once: %d of %d "
                + "connections got every snapshot; the last arrived %.1f ms after the first subscription was sent (target 100 ms)%n"
                + "per connection, subscription sent to last snapshot: p50=%.1f ms p99=%.1f ms max=%.1f ms; errors %d; the harness took "
                + "%.1f ms to write all subscriptions before reading%n",
            options.connections(), options.subscriptions(), options.tokens(), complete, options.connections(), stormMs,
            perConnection.getValueAtPercentile(50) / 1000.0, perConnection.getValueAtPercentile(99) / 1000.0,
            perConnection.getMaxValue() / 1000.0, subscribers.errors(),
            (subscribers.subscriptionsSentNs() - subscribers.subscribeStartNs()) / 1e6);
        if (options.jsonPath() != null)
        {
            java.nio.file.Files.writeString(java.nio.file.Path.of(options.jsonPath()), String.format(Locale.ROOT,
                "{\"scenario\":\"snapshot-storm\",\"connections\":%d,\"subscriptions\":%d,\"complete\":%d,\"stormMs\":%.1f,"
                    + "\"perConnectionUs\":{\"p50\":%d,\"p99\":%d,\"max\":%d},\"errors\":%d}", options.connections(),
                options.subscriptions(), complete, stormMs, perConnection.getValueAtPercentile(50), perConnection.getValueAtPercentile(99),
                perConnection.getMaxValue(), subscribers.errors()));
        }
        return text;
    }
}
