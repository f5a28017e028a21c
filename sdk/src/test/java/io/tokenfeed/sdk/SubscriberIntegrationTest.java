package io.tokenfeed.sdk;

import static io.tokenfeed.sdk.ConnectionState.CLOSED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTING;
import static io.tokenfeed.sdk.ConnectionState.FAILED;
import static io.tokenfeed.sdk.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.transport.TokenFeedServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subscriber against the real server: subscribe, live data, close, a server restart, and giving up. */
class SubscriberIntegrationTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<String> tokens = TestServer.tokens(5);
    private final Recorder recorder = new Recorder();

    @Test
    void shouldDeliverSnapshotsThenLiveUpdatesInOrderWhenSubscribed() throws Exception
    {
        try (TokenFeedServer server = TestServer.start())
        {
            TestServer.publishVersion(server, tokens, 1);
            try (TokenFeedSubscriber subscriber = subscriber(server.port()).build())
            {
                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));
                assertThat(recorder.updates).hasSize(5).allMatch(TokenData::snapshot);

                TestServer.publishVersion(server, tokens, 2);
                TestServer.publishVersion(server, tokens, 3);

                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 3));
                assertThat(recorder.versions(tokens.get(0))).containsExactly(1L, 2L, 3L);
                assertThat(recorder.updates.subList(5, recorder.updates.size())).noneMatch(TokenData::snapshot);
                assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
                assertThat(subscriber.metrics().updatesDelivered()).isEqualTo(15);
                assertThat(subscriber.metrics().gaps()).isZero();
                assertThat(subscriber.metrics().receiveLatencyMs().getTotalCount()).isGreaterThanOrEqualTo(2);
            }
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        }
    }

    @Test
    void shouldStopDeliveringATokenWhenUnsubscribed() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedSubscriber subscriber = subscriber(server.port()).build())
        {
            TestServer.publishVersion(server, tokens, 1);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));

            subscriber.unsubscribe(tokens.get(0));
            subscriber.subscribe(TestServer.evm(99));
            TestServer.publishVersion(server, List.of(tokens.get(0), tokens.get(1), TestServer.evm(99)), 2);

            await().atMost(WAIT).until(() -> recorder.latest(tokens.get(1)) == 2 && recorder.latest(TestServer.evm(99)) == 2);
            assertThat(recorder.versions(tokens.get(0))).containsExactly(1L);
        }
    }

    @Test
    void shouldRefuseAnInvalidAddressWithoutSubscribingAnything() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedSubscriber subscriber = subscriber(server.port()).build())
        {
            assertThatThrownBy(() -> subscriber.subscribe(TestServer.evm(7), "not-a-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-a-token");
        }
    }

    @Test
    void shouldResubscribeAndReceiveSnapshotsWhenTheServerRestartsOnTheSamePort() throws Exception
    {
        final TokenFeedServer first = TestServer.start();
        final int port = first.port();
        try (TcpProxy proxy = new TcpProxy(port);
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(first, tokens, 3);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 3));
            // New connections bounce off the proxy until the new server has data, so that it answers with snapshots.
            proxy.refuse(true);

            first.close();
            assertThat(subscriber.awaitState(RECONNECTING, WAIT)).isTrue();
            try (TokenFeedServer second = TestServer.startOnPort(port))
            {
                // A restarted server's versions start again below the old ones: its snapshots set the new baseline.
                TestServer.publishVersion(second, tokens, 1);
                proxy.refuse(false);

                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));
                assertThat(recorder.updates.subList(5, recorder.updates.size())).hasSize(5).allMatch(TokenData::snapshot);
                TestServer.publishVersion(second, tokens, 2);
                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 2));
                assertThat(subscriber.metrics().staleDrops()).isZero();
                assertThat(subscriber.metrics().resumesUnavailable()).isEqualTo(1);
                assertThat(subscriber.metrics().reconnects()).isEqualTo(1);
                assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, CONNECTED);
                assertThat(recorder.changes.get(2).reason()).contains("1001");
            }
        }
        finally
        {
            first.close();
        }
    }

    @Test
    void shouldNeverBeRateLimitedWhenTheApplicationChurnsItsSubscriptions() throws Exception
    {
        final List<String> churned = IntStream.range(100, 120).mapToObj(TestServer::evm).toList();
        try (TokenFeedServer server = TestServer.start("limits.rate-limit-strikes", "3");
             TokenFeedSubscriber subscriber = subscriber(server.port()).build())
        {
            assertThat(subscriber.awaitState(CONNECTED, WAIT)).isTrue();

            // Eleven rounds over twenty tokens, one call per token, alternating: the last round subscribes them all.
            for (int i = 0; i < 11 * churned.size(); i++)
            {
                final String token = churned.get(i % churned.size());
                if ((i / churned.size()) % 2 == 0)
                {
                    subscriber.subscribe(token);
                }
                else
                {
                    subscriber.unsubscribe(token);
                }
            }
            final List<String> all = new ArrayList<>(tokens);
            all.addAll(churned);
            TestServer.publishVersion(server, all, 1);

            await().atMost(WAIT).until(() -> recorder.allAt(all, 1));
            assertThat(recorder.errors).as("every call was coalesced and paced").isEmpty();
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
        }
    }

    @Test
    void shouldDeliverARestartedServersUpdatesWhenItKeepsNoSessionsToResume() throws Exception
    {
        final TokenFeedServer first = TestServer.start("connection.resume-window-ms", "0");
        final int port = first.port();
        try (TcpProxy proxy = new TcpProxy(port);
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(first, tokens, 3);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 3));
            proxy.refuse(true);

            first.close();
            assertThat(subscriber.awaitState(RECONNECTING, WAIT)).isTrue();
            try (TokenFeedServer second = TestServer.startOnPort(port, "connection.resume-window-ms", "0"))
            {
                // No resume is attempted (the greeting said the server keeps no sessions): a plain re-subscription, whose
                // snapshots must not be taken for stale because the restarted server's versions start again.
                TestServer.publishVersion(second, tokens, 1);
                proxy.refuse(false);

                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));
                TestServer.publishVersion(second, tokens, 2);
                await().atMost(WAIT).until(() -> recorder.allAt(tokens, 2));
                assertThat(subscriber.metrics().staleDrops()).isZero();
                assertThat(subscriber.metrics().resumes() + subscriber.metrics().resumesUnavailable()).isZero();
                assertThat(recorder.versions(tokens.get(0))).containsExactly(3L, 1L, 2L);
            }
        }
        finally
        {
            first.close();
        }
    }

    @Test
    void shouldGiveUpAfterMaxRetriesWhenNoServerListens() throws Exception
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        try (TokenFeedSubscriber subscriber = subscriber(port).maxRetries(2).build())
        {
            assertThat(subscriber.awaitState(FAILED, WAIT)).isTrue();

            assertThat(recorder.states()).containsExactly(CONNECTING, RECONNECTING, FAILED);
            assertThat(recorder.changes.get(2).reason()).contains("gave up after 2 retries");
            assertThatThrownBy(() -> subscriber.subscribe(tokens.get(0))).isInstanceOf(TokenFeedException.class);
        }
    }

    private SubscriberBuilder subscriber(final int port)
    {
        return recorder.attach(TokenFeedSubscriber.builder())
            .uri(TestServer.subscriberUri(port))
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .subscribe(tokens.toArray(new String[0]));
    }
}
