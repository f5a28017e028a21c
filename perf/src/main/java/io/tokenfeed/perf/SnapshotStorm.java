package io.tokenfeed.perf;

import io.tokenfeed.perf.client.SubscriberLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The {@code snapshot-storm} scenario: every token gets a state first, then all connections subscribe to K tokens each at
 * once; measured from the first subscription sent to the last snapshot received (target: 100 ms for 1,000 x 100). The storm
 * is repeated with fresh connections: the first meets a server whose code is not compiled yet, the later ones do not.
 */
final class SnapshotStorm
{
    private static final long TIMEOUT_NS = 60_000_000_000L;
    /** Round 1 meets a cold server (a restart's reconnect storm); the later ones a warmed one. */
    private static final int ROUNDS = 3;
    private static final long ROUND_PAUSE_NS = 1_000_000_000L;

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
        final StringBuilder text = new StringBuilder();
        final StringBuilder json = new StringBuilder("{\"scenario\":\"snapshot-storm\",\"rounds\":[");
        for (int round = 1; round <= ROUNDS; round++)
        {
            if (round > 1)
            {
                LockSupport.parkNanos(ROUND_PAUSE_NS); // the server closes the last round's connections (their slots count)
            }
            // The last round is profiled, from the connections' opening (handshakes are on their own stacks) to the last snapshot.
            final Round result = round(options, address, plan, sentNs, round == ROUNDS ? options.profilePath() : null);
            text.append(String.format(Locale.ROOT, "round %d (%s): %s%n", round, round == 1 ? "cold server" : "warm server",
                result.text(options)));
            json.append(round == 1 ? "" : ",").append(result.json());
        }
        if (options.jsonPath() != null)
        {
            Files.writeString(Path.of(options.jsonPath()), json.append("]}").toString());
        }
        return String.format(Locale.ROOT, "snapshot storm — %d connections x %d of %d tokens subscribed at once, %d rounds with fresh "
            + "connections (target: last snapshot 100 ms after the first subscription)%n", options.connections(), options.subscriptions(),
            options.tokens(), ROUNDS) + text;
    }

    private static Round round(final HarnessOptions options, final InetSocketAddress address, final TokenPlan plan,
        final AtomicLongArray sentNs, final String profilePath) throws IOException
    {
        final CpuProfile profile = profilePath != null ? CpuProfile.start(profilePath) : null;
        final SubscriberLoop subscribers = SubscriberLoop.open(address, options.connections(), options.subscriptions(), plan, 0,
            options.ackEvery(), new DeliveryRecorder(plan, options, sentNs), TIMEOUT_NS / 1_000_000);
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
            if (profile != null)
            {
                profile.close();
            }
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
        return new Round(complete, (lastNs - subscribers.subscribeStartNs()) / 1e6, perConnection, subscribers.errors(),
            (subscribers.subscriptionsSentNs() - subscribers.subscribeStartNs()) / 1e6);
    }

    /** One storm: connections that got every snapshot, first subscription to last snapshot, per-connection times. */
    private record Round(int complete, double stormMs, Histogram perConnection, long errors, double writeMs)
    {
        String text(final HarnessOptions options)
        {
            return String.format(Locale.ROOT, "%d of %d connections got every snapshot, the last %.1f ms after the first subscription "
                    + "was sent; per connection p50=%.1f ms p99=%.1f ms max=%.1f ms; errors %d; the harness wrote all subscriptions "
                    + "in %.1f ms", complete, options.connections(), stormMs, perConnection.getValueAtPercentile(50) / 1000.0,
                perConnection.getValueAtPercentile(99) / 1000.0, perConnection.getMaxValue() / 1000.0, errors, writeMs);
        }

        String json()
        {
            return String.format(Locale.ROOT, "{\"complete\":%d,\"stormMs\":%.1f,\"perConnectionUs\":{\"p50\":%d,\"p99\":%d,"
                    + "\"max\":%d},\"errors\":%d}", complete, stormMs, perConnection.getValueAtPercentile(50),
                perConnection.getValueAtPercentile(99), perConnection.getMaxValue(), errors);
        }
    }
}
