package io.tokenfeed.sdk;

import static io.tokenfeed.sdk.ConnectionState.CLOSED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTING;
import static io.tokenfeed.sdk.ConnectionState.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import io.tokenfeed.transport.TokenFeedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The publisher against the real server: acks, rejections, a cut with resends, a refused key, a draining close. */
class PublisherIntegrationTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> tokens = TestServer.tokens(5);
    private final Recorder recorder = new Recorder();

    @Test
    void shouldAcknowledgeUpdatesAndBatchesAndDeliverThemToSubscribers() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedSubscriber subscriber = subscriber(server.port()).build();
             TokenFeedPublisher publisher = publisher(server.port()).build())
        {
            assertThat(subscriber.awaitState(CONNECTED, WAIT)).isTrue();
            final PublishResult single = publisher.publish(TestServer.data(tokens.get(0), 1)).get(20, TimeUnit.SECONDS);
            final List<TokenData> many = new ArrayList<>();
            for (int i = 0; i < 1500; i++)
            {
                many.add(TestServer.data(TestServer.evm(1000 + i), 1));
            }
            many.addAll(tokens.stream().map(t -> TestServer.data(t, 2)).toList());

            final PublishResult batch = publisher.publish(many).get(20, TimeUnit.SECONDS);

            assertThat(single.acknowledged()).isEqualTo(1);
            assertThat(batch.acknowledged()).isEqualTo(1505);
            assertThat(batch.allAcknowledged()).isTrue();
            assertThat(batch.acks()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(publisher.metrics().messagesSent()).isGreaterThanOrEqualTo(3);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 2));
            assertThat(recorder.versions(tokens.get(0))).endsWith(2L).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldReportRejectedUpdatesByTheirIndexInTheCall() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedPublisher publisher = publisher(server.port()).build())
        {
            final List<TokenData> updates = List.of(
                TestServer.data(tokens.get(0), 1),
                new TokenData(tokens.get(1), "1.", "1", new Volume("1", "1", "1"), -1, -1, false, false),
                new TokenData("not-a-token", "1", "1", new Volume("1", "1", "1"), -1, -1, false, false));

            final PublishResult result = publisher.publish(updates).get(20, TimeUnit.SECONDS);

            assertThat(result.acknowledged()).isEqualTo(1);
            assertThat(result.rejected()).extracting(r -> r.index() + " " + r.code())
                .containsExactly("1 " + ErrorCode.INVALID_DECIMAL, "2 " + ErrorCode.INVALID_TOKEN_ADDRESS);
            assertThat(publisher.metrics().updatesRejected()).isEqualTo(2);
        }
    }

    @Test
    void shouldResendUnacknowledgedUpdatesAfterACutWithoutDuplicatingThemForSubscribers() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TcpProxy proxy = new TcpProxy(server.port());
             TokenFeedSubscriber subscriber = subscriber(server.port()).build();
             TokenFeedPublisher publisher = publisher(proxy.port()).linger(Duration.ZERO).build())
        {
            assertThat(subscriber.awaitState(CONNECTED, WAIT)).isTrue();
            publisher.publish(versionOfAll(1)).get(20, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 1));
            // The server applies what follows, but its acks stay in the proxy: the publisher cannot know.
            proxy.stall();
            final List<CompletableFuture<PublishResult>> unacknowledged = new ArrayList<>();
            for (long version = 2; version <= 6; version++)
            {
                unacknowledged.add(publisher.publish(versionOfAll(version)));
            }
            await().atMost(WAIT).until(() -> recorder.allAt(tokens, 6) && proxy.heldTextFrames() >= 1);
            assertThat(unacknowledged).noneMatch(CompletableFuture::isDone);

            proxy.cut();

            for (final CompletableFuture<PublishResult> result : unacknowledged)
            {
                assertThat(result.get(20, TimeUnit.SECONDS).acknowledged()).isEqualTo(tokens.size());
            }
            assertThat(publisher.metrics().updatesResent()).isGreaterThanOrEqualTo(tokens.size());
            assertThat(publisher.metrics().duplicates()).as("the server had them already").isGreaterThanOrEqualTo(tokens.size());
            assertThat(publisher.metrics().reconnects()).isEqualTo(1);
            final List<Long> everyVersion = LongStream.rangeClosed(1, 6).boxed().toList();
            for (final String token : tokens)
            {
                assertThat(recorder.versions(token)).isEqualTo(everyVersion);
            }
            assertThat(subscriber.metrics().staleDrops()).as("the server sent no update twice").isZero();
            assertThat(subscriber.metrics().duplicates()).isZero();
        }
    }

    @Test
    void shouldFailWithoutReconnectingWhenTheKeyIsRefused() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedPublisher publisher = TokenFeedPublisher.builder()
                 .uri(TestServer.ingestUri(server.port()))
                 .apiKey("wrong")
                 .onStateChange(recorder)
                 .onError(recorder)
                 .build())
        {
            assertThat(publisher.awaitState(FAILED, WAIT)).isTrue();

            assertThat(recorder.states()).containsExactly(CONNECTING, FAILED);
            assertThat(recorder.errors).extracting(ClientError::code).contains(ErrorCode.UNAUTHORIZED);
            final CompletableFuture<PublishResult> refused = publisher.publish(TestServer.data(tokens.get(0), 1));
            assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TokenFeedException.class);
        }
    }

    @Test
    void shouldSendWhatIsBatchedAndWaitForItsAcksWhenClosed() throws Exception
    {
        try (TokenFeedServer server = TestServer.start())
        {
            final TokenFeedPublisher publisher = publisher(server.port()).linger(Duration.ofSeconds(30)).build();
            assertThat(publisher.awaitState(CONNECTED, WAIT)).isTrue();
            final CompletableFuture<PublishResult> lingering = publisher.publish(versionOfAll(1));

            publisher.close();

            assertThat(lingering).isCompleted();
            assertThat(lingering.get().acknowledged()).isEqualTo(tokens.size());
            assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        }
    }

    @Test
    void shouldFailFastInsteadOfDeadlockingWhenAFutureIsJoinedOnTheClientThread() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedPublisher publisher = publisher(server.port()).threadName("publisher-under-test")
                 .linger(Duration.ofMillis(200)).build())
        {
            final CompletableFuture<String> callbackThread = new CompletableFuture<>();
            final CompletableFuture<Throwable> joined = new CompletableFuture<>();

            // The linger keeps the first future pending long enough for the callback to be attached before it completes,
            // so that the callback runs where the future completes: on the client thread.
            publisher.publish(TestServer.data(tokens.get(0), 1)).thenAccept(result ->
            {
                callbackThread.complete(Thread.currentThread().getName());
                try
                {
                    publisher.publish(TestServer.data(tokens.get(1), 1)).join();
                    joined.complete(null);
                }
                catch (final Throwable ex)
                {
                    joined.complete(ex);
                }
            });

            assertThat(callbackThread.get(20, TimeUnit.SECONDS)).isEqualTo("publisher-under-test");
            assertThat(joined.get(20, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
            assertThat(publisher.publish(TestServer.data(tokens.get(2), 1)).get(20, TimeUnit.SECONDS).acknowledged()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheBudgetWhenTheApplicationGivesUpOnItsFutures() throws Exception
    {
        try (TokenFeedServer server = TestServer.start();
             TokenFeedPublisher publisher = publisher(server.port()).maxPendingUpdates(10).build())
        {
            for (int round = 0; round < 5; round++)
            {
                // Every round publishes the whole budget and abandons the futures; the budget must come back each time.
                final List<CompletableFuture<PublishResult>> abandoned = new ArrayList<>();
                for (int i = 0; i < 10; i++)
                {
                    final CompletableFuture<PublishResult> future = publisher.publish(TestServer.data(tokens.get(i % tokens.size()),
                        round * 10L + i + 1));
                    future.cancel(true);
                    abandoned.add(future);
                }
                final long acknowledged = (round + 1) * 10L;
                await().atMost(WAIT).until(() -> publisher.metrics().updatesAcknowledged() == acknowledged);
                assertThat(abandoned).allMatch(CompletableFuture::isCancelled);
            }

            assertThat(publisher.publish(TestServer.data(tokens.get(0), 100)).get(20, TimeUnit.SECONDS).acknowledged()).isEqualTo(1);
        }
    }

    private List<TokenData> versionOfAll(final long version)
    {
        return tokens.stream().map(t -> TestServer.data(t, version)).toList();
    }

    private PublisherBuilder publisher(final int port)
    {
        return TokenFeedPublisher.builder()
            .uri(TestServer.ingestUri(port))
            .apiKey(TestServer.KEY)
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .onStateChange(recorder)
            .onError(recorder);
    }

    private SubscriberBuilder subscriber(final int port)
    {
        return TokenFeedSubscriber.builder()
            .uri(TestServer.subscriberUri(port))
            .onUpdate(recorder)
            .subscribe(tokens.toArray(new String[0]));
    }
}
