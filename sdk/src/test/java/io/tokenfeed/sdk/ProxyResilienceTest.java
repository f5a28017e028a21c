package io.tokenfeed.sdk;

import static io.tokenfeed.sdk.ConnectionState.CONNECTED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTING;
import static io.tokenfeed.sdk.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.transport.TokenFeedServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The subscriber behind a misbehaving network ({@link TcpProxy}) in front of the real server: a cut and a stall are
 * survived by resuming, with every update delivered exactly once; a slow link converges; a lost frame is reported as a
 * gap and resynced.
 */
class ProxyResilienceTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int VERSIONS = 10;

    private final List<String> tokens = TestServer.tokens(10);
    private final Recorder recorder = new Recorder();

    @Test
    void shouldResumeWithoutLosingOrRepeatingAnUpdateWhenTheConnectionIsCut() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TcpProxy proxy = new TcpProxy(server.port());
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(server, tokens, 1);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));
            // What the server sends from now on reaches the proxy and goes no further: in flight when the cut comes.
            proxy.stall();
            for (long version = 2; version <= VERSIONS; version++)
            {
                TestServer.publishVersion(server, tokens, version);
            }
            await().atMost(WAIT).until(() -> proxy.heldTextFrames() >= VERSIONS - 1);

            proxy.cut();

            await().atMost(WAIT).until(() -> recorder.allAt(tokens, VERSIONS));
            assertEveryVersionOnce();
            assertThat(subscriber.metrics().resumes()).isEqualTo(1);
            assertThat(subscriber.metrics().replayedMessages()).isGreaterThanOrEqualTo(VERSIONS - 1);
            assertThat(subscriber.metrics().gaps()).isZero();
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, CONNECTED);
        }
    }

    @Test
    void shouldNoticeASilentConnectionAndResumeWhenTheLinkStalls() throws Exception
    {
        try (TokenFeedServer server = TestServer.start("connection.heartbeat-interval-ms", "300");
             TcpProxy proxy = new TcpProxy(server.port());
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(server, tokens, 1);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));

            proxy.stall();
            for (long version = 2; version <= VERSIONS; version++)
            {
                TestServer.publishVersion(server, tokens, version);
            }

            await().atMost(WAIT).until(() -> recorder.allAt(tokens, VERSIONS));
            assertEveryVersionOnce();
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, CONNECTED);
            assertThat(recorder.changes.get(2).reason()).contains("heard nothing from the server for 600 ms");
            assertThat(subscriber.metrics().resumes()).isEqualTo(1);
        }
    }

    @Test
    void shouldConvergeToTheLatestStateWithoutGapsWhenTheLinkIsSlow() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TcpProxy proxy = new TcpProxy(server.port());
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(server, tokens, 1);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));

            proxy.slow(50_000);
            for (long version = 2; version <= 2 * VERSIONS; version++)
            {
                TestServer.publishVersion(server, tokens, version);
            }

            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 2 * VERSIONS));
            for (final String token : tokens)
            {
                assertThat(recorder.versions(token)).isSorted().doesNotHaveDuplicates();
            }
            assertThat(subscriber.metrics().gaps()).isZero();
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
        }
    }

    @Test
    void shouldReportTheGapAndResyncWhenAServerFrameIsLost() throws Exception
    {
        final String lost = tokens.get(0);
        final String next = tokens.get(1);
        try (TokenFeedServer server = TestServer.start();
             TcpProxy proxy = new TcpProxy(server.port());
             TokenFeedSubscriber subscriber = subscriber(proxy.port()).build())
        {
            TestServer.publishVersion(server, tokens, 1);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));

            proxy.dropNextServerFrame(payload -> payload.contains("\"token_"));
            TestServer.publishVersion(server, List.of(lost), 2);
            await().atMost(WAIT).until(() -> proxy.droppedFrames() == 1);
            TestServer.publishVersion(server, List.of(next), 3);

            await().atMost(WAIT).until(() -> recorder.latest(lost) == 2 && recorder.latest(next) == 3);
            assertThat(recorder.gaps).singleElement().satisfies(gap -> assertThat(gap.missed()).isEqualTo(1));
            final TokenData resynced = recorder.updates.stream().filter(u -> u.address().equals(lost) && u.version() == 2).findFirst()
                .orElseThrow();
            assertThat(resynced.snapshot()).as("the lost update came back as a snapshot").isTrue();
            assertThat(recorder.versions(next)).containsExactly(1L, 3L);
            await().atMost(WAIT).until(() -> subscriber.metrics().staleDrops() >= tokens.size() - 1);
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
        }
    }

    private void assertEveryVersionOnce()
    {
        final List<Long> expected = LongStream.rangeClosed(1, VERSIONS).boxed().toList();
        for (final String token : tokens)
        {
            assertThat(recorder.versions(token)).as(token).isEqualTo(expected);
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
