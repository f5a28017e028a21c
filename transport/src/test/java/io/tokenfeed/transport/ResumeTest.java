package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Resume on real sockets: exact replay after abrupt drops on either side, takeover, and every kind of fallback. */
class ResumeTest
{
    private static final int ROUNDS = 300;
    private static final Duration CONVERGED = Duration.ofSeconds(20);

    private final List<String> tokens = IntStream.rangeClosed(1, 20).mapToObj(TestServers::evm).toList();

    enum Drop
    {
        CLIENT_SIDE, SERVER_SIDE
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void shouldReplayEverythingInFlightAfterAnAbruptDropWhileUpdatesKeepFlowing(final Drop drop) throws Exception
    {
        try (TokenFeedServer server = TestServers.start();
             TrackedSubscriber subscriber = TrackedSubscriber.subscribe(server.port(), tokens))
        {
            final AtomicBoolean publishing = new AtomicBoolean(true);
            final CompletableFuture<Void> publisher = CompletableFuture.runAsync(() ->
            {
                final long startNs = System.nanoTime();
                for (int round = 1; round <= ROUNDS; round++)
                {
                    LockSupport.parkNanos(startNs + round * 5_000_000L - System.nanoTime());
                    TestServers.publishVersion(server, tokens, round);
                }
                publishing.set(false);
            });
            while (subscriber.versions().getOrDefault(tokens.get(0), 0L) < 40)
            {
                subscriber.next();
            }
            // Messages keep arriving while the client processes nothing: they are in flight when the socket drops.
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.client().queued() >= 3);
            final int inFlight = subscriber.client().queued();
            final String droppedId = subscriber.connectionId();

            final ResumeResponse response = subscriber.resume(() -> dropOnServer(server, drop, droppedId));

            assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_SUCCESS);
            assertThat(response.replayed()).as("at least what was in flight").isGreaterThanOrEqualTo(inFlight);
            assertThat(publishing.get()).as("updates kept flowing through the resume").isTrue();
            publisher.get();
            awaitLatest(subscriber, ROUNDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.engine().deliveryStats().resumesReplayed() == 1);
        }
    }

    @Test
    void shouldTakeOverASessionWhoseSocketIsStillOpen()
    {
        try (TokenFeedServer server = TestServers.start();
             TrackedSubscriber subscriber = TrackedSubscriber.subscribe(server.port(), tokens);
             WsTestClient other = WsTestClient.connect(server.port()))
        {
            TestServers.publishVersion(server, tokens, 1);
            other.next(ConnectionMessage.class);
            other.send("{\"type\":\"resume\",\"data\":{\"connectionId\":\"" + subscriber.connectionId() + "\",\"lastSequence\":"
                + subscriber.lastSequence() + "}}");

            final ResumeResponse response = other.next(ResumeResponse.class);
            assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_SUCCESS);
            assertThat(response.subscriptions()).containsExactlyInAnyOrderElementsOf(tokens);
            final List<WsTestClient.Received> old = subscriber.client().until(m -> m instanceof ConnectionMessage);
            final ConnectionMessage bye = (ConnectionMessage)old.get(old.size() - 1).message();
            assertThat(bye.status()).isEqualTo(ConnectionMessage.STATUS_DISCONNECTED);
            assertThat(bye.reason()).isEqualTo("session_resumed");
            assertThat(subscriber.client().closeCode()).isEqualTo(1000);
            // The update the old socket had not been acknowledged for is replayed on the new one.
            assertThat(response.replayed()).isEqualTo(old.size() - 1);
        }
    }

    @Test
    void shouldAnswerAnUnknownSessionWithNothingToRestore()
    {
        try (TokenFeedServer server = TestServers.start();
             WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);
            client.send("{\"type\":\"resume\",\"sequence\":4,\"data\":{\"connectionId\":\"no-such-session\",\"lastSequence\":5}}");

            assertNothingRestored(client.next(ResumeResponse.class), client);
        }
    }

    @Test
    void shouldAnswerASessionPastItsResumeWindowWithNothingToRestore()
    {
        try (TokenFeedServer server = TestServers.start("connection.resume-window-ms", "200");
             TrackedSubscriber subscriber = TrackedSubscriber.subscribe(server.port(), tokens))
        {
            TestServers.publishVersion(server, tokens, 1);
            final ResumeResponse response = subscriber.resume(() ->
            {
                subscriber.client().abort();
                await().atMost(Duration.ofSeconds(10)).until(() -> server.engine().deliveryStats().sessionsExpired() == 1);
            });

            assertNothingRestored(response, subscriber.client());
        }
    }

    @Test
    void shouldRestoreSubscriptionsWithSnapshotsWhenTheBufferNoLongerHoldsTheRange()
    {
        try (TokenFeedServer server = TestServers.start("delivery.resume-buffer-bytes", "4096");
             TrackedSubscriber subscriber = TrackedSubscriber.subscribe(server.port(), tokens))
        {
            for (int version = 1; version <= 20; version++)
            {
                TestServers.publishVersion(server, tokens, version);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.client().queued() >= 20);

            final ResumeResponse response = subscriber.resume(() -> { });

            assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_ERROR);
            assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
            assertThat(response.subscriptions()).containsExactlyInAnyOrderElementsOf(tokens);
            final Message snapshots = subscriber.next();
            assertThat(TrackedSubscriber.entries(snapshots)).hasSize(tokens.size()).allSatisfy(data ->
            {
                assertThat(data.snapshot()).isTrue();
                assertThat(data.version()).isEqualTo(20);
            });
            // Stats are published at the next timer tick.
            await().atMost(Duration.ofSeconds(5)).until(() -> server.engine().deliveryStats().resumesUnavailable() == 1);
        }
    }

    private static void assertNothingRestored(final ResumeResponse response, final WsTestClient client)
    {
        assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_ERROR);
        assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
        assertThat(response.subscriptions()).isEmpty();
        client.send("{\"type\":\"ping\",\"sequence\":9,\"data\":{}}");
        assertThat(client.next().message()).as("no snapshot came first").isInstanceOf(HeartbeatMessage.class);
    }

    private static void dropOnServer(final TokenFeedServer server, final Drop drop, final String connectionId)
    {
        if (drop == Drop.SERVER_SIDE)
        {
            try
            {
                assertThat(server.abortConnection(connectionId)).isTrue();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Processes until every token is at {@code version}: the subscriber ends with the latest state. */
    static void awaitLatest(final TrackedSubscriber subscriber, final long version)
    {
        final long deadlineNs = System.nanoTime() + CONVERGED.toNanos();
        while (!subscriber.tokens().stream().allMatch(t -> subscriber.versions().getOrDefault(t, 0L) == version))
        {
            assertThat(System.nanoTime()).as("converged within %s: %s", CONVERGED, subscriber.versions()).isLessThan(deadlineNs);
            subscriber.next();
        }
    }
}
