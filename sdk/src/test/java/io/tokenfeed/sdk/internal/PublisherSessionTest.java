package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.RejectedUpdate;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.PublishResult;
import io.tokenfeed.sdk.TokenFeedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The publisher's logic on a fake connection: batching, acks, resends after a drop or OVERLOADED, with a manual clock. */
class PublisherSessionTest
{
    private static final long LINGER_NS = 5_000_000L;
    private static final String A = "0x" + "a".repeat(40);

    private final ManualClock clock = new ManualClock();
    private final JsonCodec serverSide = new JsonCodec(1000, 1000, DecodeMode.FROM_CLIENT);
    private final PublisherCounters counters = new PublisherCounters();
    private final AtomicInteger unsettled = new AtomicInteger();
    private final List<String> closedWith = new ArrayList<>();
    private final PublisherSession session = new PublisherSession(FrameDecoder.newCodec(),
        new Listeners(List.of(), List.of(), List.of(), List.of(), counters), counters, 3, LINGER_NS, 2,
        new Backoff(100_000_000L, 5_000_000_000L, FixedRandom.highest()));
    private FakeLink link;

    PublisherSessionTest()
    {
        session.closeWith(closedWith::add);
    }

    @Test
    void shouldWaitForTheLingerBeforeSendingAPartialBatch()
    {
        connect();
        publish(1, 2);

        assertThat(link.sent).isEmpty();
        assertThat(session.onTimer(clock.nanoTime())).isEqualTo(LINGER_NS);
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).singleElement().isInstanceOfSatisfying(TokenBatchMessage.class, b -> assertThat(b.updates()).hasSize(2));
    }

    @Test
    void shouldSendAFullBatchAtOnceAndOneUpdateAsTokenUpdate()
    {
        connect();

        publish(1, 4);
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).hasSize(2);
        assertThat(sent().get(0)).isInstanceOfSatisfying(TokenBatchMessage.class, b -> assertThat(b.updates()).hasSize(3));
        assertThat(sent().get(1)).isInstanceOf(TokenUpdateMessage.class);
    }

    @Test
    void shouldCompleteTheCallWithItsRejectionsByIndexWhenAcknowledged()
    {
        connect();
        final CompletableFuture<PublishResult> result = publish(1, 3);
        final long sequence = sent().get(0).sequence();

        receive(ServerMessages.ack(2, sequence, 1, 1, List.of(new RejectedUpdate(1, "bad", ErrorCode.INVALID_DECIMAL, "price"))));

        assertThat(result).isCompleted();
        final PublishResult done = result.join();
        assertThat(done.acknowledged()).isEqualTo(2);
        assertThat(done.rejected()).singleElement().satisfies(r ->
        {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.code()).isEqualTo(ErrorCode.INVALID_DECIMAL);
            assertThat(r.update().version()).isEqualTo(2);
        });
        assertThat(counters.duplicates()).isEqualTo(1);
        assertThat(unsettled).hasValue(0);
    }

    @Test
    void shouldCompleteEachCallOnItsOwnWhenSeveralShareAMessage()
    {
        connect();
        final CompletableFuture<PublishResult> first = publish(1, 1);
        final CompletableFuture<PublishResult> second = publish(2, 2);
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());

        receive(ServerMessages.ack(2, sent().get(0).sequence(), 2, 0, List.of()));

        assertThat(first.join().acknowledged()).isEqualTo(1);
        assertThat(second.join().acknowledged()).isEqualTo(1);
        assertThat(first.join().acks()).isEqualTo(second.join().acks());
    }

    @Test
    void shouldSendUnansweredMessagesAgainFirstWhenReconnected()
    {
        connect();
        final CompletableFuture<PublishResult> result = publish(1, 3);
        publish(4, 4);
        session.onDisconnected(clock.nanoTime());
        assertThat(result).isNotDone();

        connect();
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).extracting(PublisherSessionTest::versions).containsExactly(List.of(1L, 2L, 3L), List.of(4L));
        assertThat(counters.updatesResent()).isEqualTo(3);
        receive(ServerMessages.ack(2, sent().get(0).sequence(), 0, 3, List.of()));
        assertThat(result.join().acknowledged()).as("duplicates of a resend are acknowledged").isEqualTo(3);
    }

    @Test
    void shouldResendAnOverloadedMessageNoSoonerThanRetryAfterAndBeforeAnythingNewer()
    {
        final PublisherSession zeroJitter = new PublisherSession(FrameDecoder.newCodec(),
            new Listeners(List.of(), List.of(), List.of(), List.of(), counters), counters, 3, 0, 2,
            new Backoff(100_000_000L, 5_000_000_000L, new FixedRandom(0)));
        link = new FakeLink(1);
        zeroJitter.onConnected((ConnectionMessage)ServerMessages.greeting("p", 15_000), link, clock.nanoTime());
        final PublishCall call = new PublishCall(1, () -> { });
        zeroJitter.publish(List.of(ServerMessages.data(A, 1)), call, clock.nanoTime());
        final long sequence = sent().get(0).sequence();

        zeroJitter.onMessage(ServerMessages.error(2, ErrorCode.OVERLOADED, sequence, 250), 0, clock.nanoTime());
        zeroJitter.publish(List.of(ServerMessages.data(A, 2)), new PublishCall(1, () -> { }), clock.nanoTime());
        clock.advanceMs(249);
        assertThat(zeroJitter.onTimer(clock.nanoTime())).isEqualTo(1_000_000L);
        assertThat(link.sent).hasSize(1);
        clock.advanceMs(1);
        zeroJitter.onTimer(clock.nanoTime());

        assertThat(sent()).extracting(PublisherSessionTest::versions).containsExactly(List.of(1L), List.of(1L), List.of(2L));
        assertThat(counters.overloaded()).isEqualTo(1);
        assertThat(call.future()).isNotDone();
    }

    @Test
    void shouldBackOffLongerWhileTheServerStaysOverloaded()
    {
        connect();
        publish(1, 3);

        receive(ServerMessages.error(2, ErrorCode.OVERLOADED, sent().get(0).sequence(), 100));
        final long firstWaitNs = session.onTimer(clock.nanoTime());
        clock.advanceNs(firstWaitNs);
        session.onTimer(clock.nanoTime());
        receive(ServerMessages.error(3, ErrorCode.OVERLOADED, sent().get(1).sequence(), 100));

        assertThat(firstWaitNs).as("retryAfterMs is the floor").isEqualTo(100_000_000L);
        assertThat(session.onTimer(clock.nanoTime())).isEqualTo(200_000_000L - 1);
    }

    @Test
    void shouldRejectTheWholeMessageWhenTheServerRefusesItForWhatItIs()
    {
        connect();
        final CompletableFuture<PublishResult> result = publish(1, 2);
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());

        receive(ServerMessages.error(2, ErrorCode.INVALID_MESSAGE, sent().get(0).sequence(), -1));

        assertThat(result.join().rejected()).extracting(r -> r.code()).containsExactly(ErrorCode.INVALID_MESSAGE,
            ErrorCode.INVALID_MESSAGE);
        assertThat(link.sent).hasSize(1);
    }

    @Test
    void shouldReturnTheBudgetOnceWhenTheApplicationCompletedItsFutureBeforeTheAck()
    {
        connect();
        final CompletableFuture<PublishResult> completed = publish(1, 3);
        final CompletableFuture<PublishResult> cancelled = publish(4, 6);
        final CompletableFuture<PublishResult> timedOut = publish(7, 9).orTimeout(1, java.util.concurrent.TimeUnit.NANOSECONDS);
        completed.complete(new PublishResult(0, List.of(), List.of()));
        cancelled.cancel(true);
        assertThat(timedOut).failsWithin(java.time.Duration.ofSeconds(10));

        receive(ServerMessages.ack(2, sent().get(0).sequence(), 3, 0, List.of()));
        receive(ServerMessages.ack(3, sent().get(1).sequence(), 3, 0, List.of()));
        clock.advanceNs(LINGER_NS);
        session.onTimer(clock.nanoTime());
        receive(ServerMessages.ack(4, sent().get(2).sequence(), 3, 0, List.of()));

        assertThat(unsettled).hasValue(0);
        assertThat(counters.updatesAcknowledged()).isEqualTo(9);
    }

    @Test
    void shouldReturnTheBudgetWhenTheApplicationCancelledItsFutureAndTheClientEnds()
    {
        connect();
        publish(1, 3).cancel(true);

        session.onTerminated(ConnectionState.CLOSED, "closed by the application");

        assertThat(unsettled).hasValue(0);
    }

    @Test
    void shouldSendAMessageAnsweredInternalErrorAgainAtOnceWithoutHoldingOtherSends()
    {
        connect();
        final CompletableFuture<PublishResult> result = publish(1, 3);

        receive(ServerMessages.error(2, ErrorCode.INTERNAL_ERROR, -1, -1));
        publish(4, 6);

        assertThat(sent()).extracting(PublisherSessionTest::versions)
            .containsExactly(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L), List.of(4L, 5L, 6L));
        assertThat(result).isNotDone();
    }

    @Test
    void shouldRejectAMessageWithInternalErrorWhenTheServerKeepsFailingItAfterThreeResends()
    {
        connect();
        final CompletableFuture<PublishResult> result = publish(1, 3);

        for (int answer = 0; answer <= PublisherSession.MAX_INTERNAL_ERROR_RESENDS; answer++)
        {
            receive(ServerMessages.error(2 + answer, ErrorCode.INTERNAL_ERROR, -1, -1));
        }

        assertThat(link.sent).as("the first sending and three resends").hasSize(1 + PublisherSession.MAX_INTERNAL_ERROR_RESENDS);
        assertThat(result).isCompleted();
        assertThat(result.join().rejected()).hasSize(3).allSatisfy(r -> assertThat(r.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
        assertThat(unsettled).hasValue(0);
        assertThat(counters.updatesRejected()).isEqualTo(3);
    }

    @Test
    void shouldKeepAtMostMaxInFlightMessagesUnanswered()
    {
        connect();

        publish(1, 9);

        assertThat(link.sent).hasSize(2);
        receive(ServerMessages.ack(2, sent().get(0).sequence(), 3, 0, List.of()));
        assertThat(link.sent).hasSize(3);
    }

    @Test
    void shouldDropTheConnectionWhenAnAnswerWasLost()
    {
        assertThat(session.onGap("p", 2, 3, clock.nanoTime())).isFalse();
    }

    @Test
    void shouldFailEverythingUnsettledWhenTheClientEnds()
    {
        connect();
        final CompletableFuture<PublishResult> sentOne = publish(1, 3);
        final CompletableFuture<PublishResult> waiting = publish(4, 4);

        session.onTerminated(ConnectionState.CLOSED, "closed by the application");

        assertThat(sentOne).isCompletedExceptionally();
        assertThat(waiting).isCompletedExceptionally();
        assertThat(unsettled).hasValue(0);
        final CompletableFuture<PublishResult> late = publish(5, 5);
        assertThat(late).failsWithin(java.time.Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(TokenFeedException.class);
    }

    @Test
    void shouldCloseOnceEverythingIsAnsweredWhenClosing()
    {
        connect();
        publish(1, 1);
        session.beginClose(clock.nanoTime(), 5_000_000_000L);
        session.onTimer(clock.nanoTime());
        assertThat(closedWith).isEmpty();

        receive(ServerMessages.ack(2, sent().get(0).sequence(), 1, 0, List.of()));
        session.onTimer(clock.nanoTime());

        assertThat(closedWith).containsExactly("closed by the application");
    }

    @Test
    void shouldCloseAfterTheTimeoutWhenAnswersDoNotCome()
    {
        connect();
        publish(1, 1);
        session.beginClose(clock.nanoTime(), 5_000_000_000L);

        clock.advanceMs(5000);
        session.onTimer(clock.nanoTime());

        assertThat(closedWith).singleElement().asString().contains("1 updates unacknowledged");
    }

    private void connect()
    {
        link = new FakeLink(1);
        session.onConnected((ConnectionMessage)ServerMessages.greeting("p", 15_000), link, clock.nanoTime());
    }

    /** Publishes versions {@code from..to} of token A in one call. */
    private CompletableFuture<PublishResult> publish(final int from, final int to)
    {
        final List<TokenData> updates = IntStream.rangeClosed(from, to).mapToObj(v -> ServerMessages.data(A, v)).toList();
        unsettled.addAndGet(updates.size());
        final PublishCall call = new PublishCall(updates.size(), () -> unsettled.addAndGet(-updates.size()));
        session.publish(updates, call, clock.nanoTime());
        return call.future();
    }

    private void receive(final Message message)
    {
        session.onMessage(message, clock.epochMillis(), clock.nanoTime());
    }

    private List<Message> sent()
    {
        final List<Message> messages = new ArrayList<>();
        for (final String text : link.sent)
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            messages.add(serverSide.decode(bytes, bytes.length).message());
        }
        return messages;
    }

    private static List<Long> versions(final Message message)
    {
        if (message instanceof TokenUpdateMessage update)
        {
            return List.of(update.data().version());
        }
        return ((TokenBatchMessage)message).updates().stream().map(TokenData::version).toList();
    }
}
