package io.tokenfeed.perf;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.TokenFeedPublisher;
import io.tokenfeed.sdk.TokenFeedSubscriber;
import io.tokenfeed.transport.TokenFeedServer;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The SDK's own throughput: one SDK publisher pushing as fast as the server acknowledges (a window of batches in
 * flight) while one SDK subscriber follows every token it publishes. Reports the publisher's sustained acknowledged
 * rate, what the subscriber consumed (token states and messages per second, how many were conflated away by the server
 * because the client fell behind) and the subscriber's receive latency. The server runs in this process unless
 * {@code --target=host:port} names one (which must accept {@code --key} and allow {@code --tokens} subscriptions).
 *
 * <pre>
 * java -cp perf/target/tokenfeed-perf.jar io.tokenfeed.perf.SdkThroughput --tokens=100 --seconds=20
 * </pre>
 */
public final class SdkThroughput
{
    private static final int BATCH = 1000;
    private static final long WARMUP_NS = 5_000_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SdkThroughput()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = new HashMap<>(Map.of("tokens", "100", "seconds", "20", "in-flight", "4",
            "key", "perf-harness"));
        for (final String arg : args)
        {
            if (!arg.startsWith("--") || !arg.contains("="))
            {
                throw new IllegalArgumentException("arguments are --key=value, got: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        final int tokens = Integer.parseInt(options.get("tokens"));
        final String target = options.get("target");
        try (TokenFeedServer server = target == null ? TokenFeedServer.start(config(tokens, options.get("key"))) : null)
        {
            final String hostPort = target == null ? "127.0.0.1:" + server.port() : target;
            System.out.print(run(hostPort, options.get("key"), tokens, Integer.parseInt(options.get("seconds")),
                Integer.parseInt(options.get("in-flight"))));
        }
        System.exit(0);
    }

    static TokenFeedConfig config(final int tokens, final String key)
    {
        return TokenFeedConfig.defaults()
            .with(ConfigKey.SERVER_HOST, "127.0.0.1")
            .with(ConfigKey.SERVER_PORT, "0")
            .with(ConfigKey.SIMULATOR_ENABLED, "false")
            .with(ConfigKey.AUTH_PUBLISHER_KEYS, key)
            .with(ConfigKey.LIMITS_MAX_SUBSCRIPTIONS, Integer.toString(tokens))
            .with(ConfigKey.LIMITS_CLIENT_MESSAGES_PER_SECOND, "10000");
    }

    /** @return the report, as text */
    static String run(final String hostPort, final String key, final int tokens, final int seconds, final int inFlight)
        throws InterruptedException
    {
        final List<String> addresses = new ArrayList<>();
        for (int t = 0; t < tokens; t++)
        {
            addresses.add(String.format("0x%040x", 0x5d_0000_0000L + t));
        }
        try (TokenFeedSubscriber subscriber = TokenFeedSubscriber.builder().uri(URI.create("ws://" + hostPort + "/api/v1/ws/token-data"))
                .subscribe(addresses.toArray(new String[0])).onUpdate(update -> { }).build();
             TokenFeedPublisher publisher = TokenFeedPublisher.builder().uri(URI.create("ws://" + hostPort + "/api/v1/ws/ingest"))
                 .apiKey(key).maxInFlight(inFlight).maxPendingUpdates(BATCH * (inFlight + 1)).build())
        {
            if (!subscriber.awaitState(ConnectionState.CONNECTED, WAIT) || !publisher.awaitState(ConnectionState.CONNECTED, WAIT))
            {
                throw new IllegalStateException("could not connect to " + hostPort);
            }
            final ArrayDeque<CompletableFuture<?>> window = new ArrayDeque<>();
            final ArrayDeque<Integer> sizes = new ArrayDeque<>();
            long windowUpdates = 0;
            final long startNs = System.nanoTime();
            final long measureFromNs = startNs + WARMUP_NS;
            final long endNs = measureFromNs + TimeUnit.SECONDS.toNanos(seconds);
            long version = 0;
            long[] at = null;
            while (System.nanoTime() < endNs)
            {
                if (at == null && System.nanoTime() >= measureFromNs)
                {
                    at = snapshot(subscriber, publisher);
                }
                version++;
                for (int from = 0; from < tokens; from += BATCH)
                {
                    final List<TokenData> batch = new ArrayList<>(Math.min(BATCH, tokens - from));
                    for (int t = from; t < Math.min(tokens, from + BATCH); t++)
                    {
                        batch.add(new TokenData(addresses.get(t), version + ".5", "1000000", new Volume("30", "2", "1"), -1, version,
                            false, false));
                    }
                    window.add(publisher.publish(batch));
                    windowUpdates += batch.size();
                    sizes.add(batch.size());
                    // Bounded in updates, not calls: the SDK merges small calls into messages of up to 1,000 updates.
                    while (windowUpdates > (long)inFlight * BATCH)
                    {
                        window.poll().join();
                        windowUpdates -= sizes.poll();
                    }
                }
            }
            final long[] end = snapshot(subscriber, publisher);
            final double elapsed = (System.nanoTime() - measureFromNs) / 1e9;
            window.forEach(CompletableFuture::join);
            final Histogram latency = subscriber.metrics().receiveLatencyMs();
            return String.format(Locale.ROOT, "SDK throughput against %s, %d tokens, %d s measured after 5 s, up to %d x %d updates in "
                    + "flight:%npublisher: %.0f updates/s acknowledged (%d messages/s), %d rejected, %d overloaded%n"
                    + "subscriber: %.0f token states/s in %.0f messages/s consumed; %.1f %% of the published versions conflated "
                    + "away by the server (the client fell behind); gaps %d, stale %d, errors %d%n"
                    + "subscriber receive latency (server framing to client, ms): p50=%d p99=%d p99.9=%d max=%d%n",
                hostPort, tokens, seconds, inFlight, BATCH, (end[0] - at[0]) / elapsed, Math.round((end[1] - at[1]) / elapsed),
                publisher.metrics().updatesRejected(), publisher.metrics().overloaded(), (end[2] - at[2]) / elapsed,
                (end[3] - at[3]) / elapsed, 100.0 * (1 - (double)(end[2] - at[2]) / Math.max(1, end[0] - at[0])),
                subscriber.metrics().gaps(), subscriber.metrics().staleDrops(), subscriber.metrics().errors(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getMaxValue());
        }
    }

    private static long[] snapshot(final TokenFeedSubscriber subscriber, final TokenFeedPublisher publisher)
    {
        return new long[] {publisher.metrics().updatesAcknowledged(), publisher.metrics().messagesSent(),
            subscriber.metrics().updatesDelivered(), subscriber.metrics().messagesReceived()};
    }
}
