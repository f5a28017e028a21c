package io.tokenfeed.transport;

import static io.tokenfeed.transport.IngestTest.batch;
import static io.tokenfeed.transport.IngestTest.update;
import static io.tokenfeed.transport.TestServers.evm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 8 publishers × 100,000 updates of the same 100 tokens, with explicit versions that interleave across publishers:
 * every ack is exact, every subscriber ends with the highest version of every token, and no subscriber sequence has
 * a gap.
 */
class IngestConcurrencyTest
{
    private static final int PUBLISHERS = 8;
    private static final int UPDATES_EACH = 100_000;
    private static final int BATCH = 1000;
    private static final int TOKENS = 100;
    private static final int SUBSCRIBERS = 4;

    @Test
    void shouldConvergeEverySubscriberOnTheLastAcceptedVersionUnderConcurrentPublishers() throws Exception
    {
        final List<String> tokens = IntStream.range(0, TOKENS).mapToObj(i -> evm(0x9000 + i)).collect(Collectors.toList());
        try (TokenFeedServer server = TestServers.start("auth.publisher-keys", "k", "limits.max-subscriptions", "100"))
        {
            final List<Follower> followers = new ArrayList<>();
            for (int s = 0; s < SUBSCRIBERS; s++)
            {
                followers.add(new Follower(server.port(), tokens));
            }
            final Map<String, Long> highestAccepted = new ConcurrentHashMap<>();
            final List<CompletableFuture<long[]>> runs = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++)
            {
                final int publisherIndex = p;
                runs.add(CompletableFuture.supplyAsync(() -> publish(server.port(), publisherIndex, tokens, highestAccepted)));
            }
            long accepted = 0;
            long duplicates = 0;
            for (final CompletableFuture<long[]> run : runs)
            {
                final long[] counts = run.get(5, TimeUnit.MINUTES);
                accepted += counts[0];
                duplicates += counts[1];
            }
            assertThat(accepted + duplicates).isEqualTo((long)PUBLISHERS * UPDATES_EACH);
            assertThat(accepted).isPositive();

            final Map<String, Long> serverState = serverVersions(server.port());
            assertThat(serverState).isEqualTo(highestAccepted);
            for (final Follower follower : followers)
            {
                follower.awaitVersions(highestAccepted);
                follower.close();
            }
        }
    }

    /**
     * Publisher p sends, for round r and token t, version {@code r * PUBLISHERS + p + 1}: versions of one token from
     * different publishers interleave, so some arrive stale and are acked as duplicates.
     */
    private static long[] publish(final int port, final int p, final List<String> tokens, final Map<String, Long> highestAccepted)
    {
        long accepted = 0;
        long duplicates = 0;
        try (WsTestClient publisher = WsTestClient.publisher(port, "k"))
        {
            publisher.next(ConnectionMessage.class);
            for (int b = 0; b < UPDATES_EACH / BATCH; b++)
            {
                final List<String> updates = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++)
                {
                    final int n = b * BATCH + i;
                    final long version = (long)(n / TOKENS) * PUBLISHERS + p + 1;
                    final String token = tokens.get(n % TOKENS);
                    updates.add(update(token, "1." + version, version));
                    highestAccepted.merge(token, version, Math::max);
                }
                publisher.send(batch(b, updates));
                final IngestAckMessage ack = publisher.next(IngestAckMessage.class);
                assertThat(ack.requestSequence()).isEqualTo(b);
                assertThat(ack.rejected()).isEmpty();
                assertThat(ack.accepted() + ack.duplicates()).isEqualTo(BATCH);
                accepted += ack.accepted();
                duplicates += ack.duplicates();
            }
        }
        return new long[] {accepted, duplicates};
    }

    private static Map<String, Long> serverVersions(final int port) throws Exception
    {
        final String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/tokens?limit=1000")).build(), HttpResponse.BodyHandlers.ofString()).body();
        final Matcher m = Pattern.compile("\"address\":\"([^\"]+)\".*?\"version\":(\\d+)").matcher(body);
        final Map<String, Long> versions = new HashMap<>();
        while (m.find())
        {
            versions.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return versions;
    }

    /** A subscriber that checks its sequence and keeps the latest version it saw of every token. */
    private static final class Follower
    {
        private final WsTestClient client;
        private final Map<String, Long> versions = new HashMap<>();
        private long lastSequence;

        Follower(final int port, final List<String> tokens)
        {
            client = WsTestClient.connect(port);
            lastSequence = client.next(ConnectionMessage.class).sequence();
            client.send("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
                + tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}");
        }

        void awaitVersions(final Map<String, Long> expected)
        {
            while (!versions.equals(expected))
            {
                final Message m = client.next().message();
                assertThat(m.sequence()).isEqualTo(lastSequence + 1);
                lastSequence = m.sequence();
                if (m instanceof SubscriptionResponse)
                {
                    continue;
                }
                final List<TokenData> entries = m instanceof TokenBatchMessage ? ((TokenBatchMessage)m).updates()
                    : m instanceof TokenUpdateMessage ? List.of(((TokenUpdateMessage)m).data()) : List.of();
                for (final TokenData d : entries)
                {
                    final Long previous = versions.put(d.address(), d.version());
                    assertThat(previous == null || d.version() > previous).as("versions only rise").isTrue();
                }
            }
        }

        void close()
        {
            client.close();
        }
    }
}
