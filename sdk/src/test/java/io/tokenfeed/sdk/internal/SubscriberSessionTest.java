package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.Gap;
import io.tokenfeed.sdk.UpdateListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscriber's logic on a fake connection: resume and reconcile, gaps, stale versions, acks. */
class SubscriberSessionTest
{
    private static final String A = "0x" + "a".repeat(40);
    private static final String B = "0x" + "b".repeat(40);
    private static final String C = "0x" + "c".repeat(40);

    private final ManualClock clock = new ManualClock();
    private final JsonCodec serverSide = new JsonCodec(1000, 1000, DecodeMode.FROM_CLIENT);
    private final List<TokenData> delivered = new ArrayList<>();
    private final List<List<TokenData>> batches = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final List<ClientError> errors = new ArrayList<>();
    private final SubscriberCounters counters = new SubscriberCounters();
    private final SubscriberSession session = new SubscriberSession(FrameDecoder.newCodec(),
        new Listeners(List.of(), List.of(errors::add), List.of(gaps::add), List.of(new UpdateListener()
        {
            @Override
            public void onUpdate(final TokenData update)
            {
                delivered.add(update);
            }

            @Override
            public void onBatch(final List<TokenData> updates)
            {
                batches.add(List.copyOf(updates));
                delivered.addAll(updates);
            }
        }), counters), counters, 3, 1_000_000_000L);
    private FakeLink link;

    @Test
    void shouldSubscribeToEverythingOnTheFirstConnection()
    {
        session.subscribe(List.of(A, B));

        connect("c1");

        assertThat(sent()).singleElement().isInstanceOfSatisfying(SubscriptionRequest.class, r ->
        {
            assertThat(r.action()).isEqualTo(SubscriptionAction.SUBSCRIBE);
            assertThat(r.tokens()).containsExactly(A, B);
        });
    }

    @Test
    void shouldResumeFromTheLastProcessedSequenceWhenReconnected()
    {
        session.subscribe(List.of(A));
        connect("c1");
        receive(ServerMessages.update(2, A, 1));
        receive(ServerMessages.update(3, A, 2));
        session.onDisconnected(clock.nanoTime());

        connect("c2");

        final Message first = sent().get(0);
        assertThat(first).isInstanceOfSatisfying(ResumeRequest.class, r ->
        {
            assertThat(r.connectionId()).isEqualTo("c1");
            assertThat(r.lastSequence()).isEqualTo(3);
        });
        assertThat(sent()).hasSize(1);
    }

    @Test
    void shouldDeliverTheReplayAndSubscribeOnlyToWhatWasNotRestoredWhenTheResumeSucceeds()
    {
        session.subscribe(List.of(A));
        connect("c1");
        receive(ServerMessages.update(2, A, 1));
        session.onDisconnected(clock.nanoTime());
        session.subscribe(List.of(B));
        connect("c2");
        final long resumeSequence = sent().get(0).sequence();

        receive(ServerMessages.resumed(2, ResumeResponse.STATUS_SUCCESS, resumeSequence, 2, List.of(A)));
        receive(ServerMessages.update(3, A, 2));
        receive(ServerMessages.update(4, A, 3));
        receive(ServerMessages.update(5, A, 4));

        assertThat(counters.resumes()).isEqualTo(1);
        assertThat(counters.replayedMessages()).isEqualTo(2);
        assertThat(delivered).extracting(TokenData::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sent().get(1)).isInstanceOfSatisfying(SubscriptionRequest.class, r -> assertThat(r.tokens()).containsExactly(B));
    }

    @Test
    void shouldResubscribeWhatTheServerDidNotRestoreAndUnsubscribeWhatWasDroppedWhenResumeIsUnavailable()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        session.onDisconnected(clock.nanoTime());
        session.unsubscribe(List.of(B));
        session.subscribe(List.of(C));
        connect("c2");

        receive(ServerMessages.resumed(2, ResumeResponse.STATUS_ERROR, sent().get(0).sequence(), 0, List.of(A, B)));

        final List<Message> requests = sent().subList(1, sent().size());
        assertThat(requests).extracting(m -> ((SubscriptionRequest)m).action() + " " + ((SubscriptionRequest)m).tokens())
            .containsExactly("SUBSCRIBE [" + C + "]", "UNSUBSCRIBE [" + B + "]");
        assertThat(counters.resumesUnavailable()).isEqualTo(1);
    }

    @Test
    void shouldDropStaleVersionsAndCountThemWhenStatesArriveOutOfOrder()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        receive(ServerMessages.update(2, A, 5));

        receive(ServerMessages.update(3, A, 5));
        receive(ServerMessages.batch(4, List.of(ServerMessages.data(A, 4), ServerMessages.data(B, 1), ServerMessages.data(A, 6))));

        assertThat(delivered).extracting(d -> d.address().charAt(2) + ":" + d.version()).containsExactly("a:5", "b:1", "a:6");
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(2));
        assertThat(counters.staleDrops()).isEqualTo(2);
    }

    @Test
    void shouldHandOnABatchUnchangedWhenNothingInItIsStale()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        final Message batch = ServerMessages.batch(2, List.of(ServerMessages.data(A, 1), ServerMessages.data(B, 1)));

        receive(batch);

        assertThat(batches).singleElement().isEqualTo(((io.tokenfeed.protocol.TokenBatchMessage)batch).updates());
        assertThat(counters.updatesDelivered()).isEqualTo(2);
    }

    @Test
    void shouldReportTheGapAndResubscribeToEverythingWhenMessagesWereLost()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        link.sent.clear();

        final boolean keep = session.onGap("c1", 3, 5, clock.nanoTime());

        assertThat(keep).isTrue();
        assertThat(gaps).containsExactly(new Gap("c1", 3, 5));
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(sent()).singleElement()
            .isInstanceOfSatisfying(SubscriptionRequest.class, r -> assertThat(r.tokens()).containsExactly(A, B));
    }

    @Test
    void shouldDeliverTheResyncSnapshotOfATokenWhoseUpdateWasLost()
    {
        session.subscribe(List.of(A));
        connect("c1");
        receive(ServerMessages.update(2, A, 1));
        session.onGap("c1", 3, 4, clock.nanoTime());
        receive(ServerMessages.update(4, A, 1));

        receive(ServerMessages.update(5, A, 2));

        assertThat(delivered).extracting(TokenData::version).containsExactly(1L, 2L);
    }

    @Test
    void shouldAcknowledgeAfterEveryNMessagesButNotMoreOftenThanTenTimesASecond()
    {
        session.subscribe(List.of(A));
        connect("c1");
        link.sent.clear();
        for (int i = 2; i <= 4; i++)
        {
            receive(ServerMessages.update(i, A, i));
        }
        session.onTimer(clock.nanoTime());
        assertThat(sent()).as("too soon after the connection's start").isEmpty();

        clock.advanceMs(100);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).singleElement().isInstanceOfSatisfying(AckRequest.class, a -> assertThat(a.ackSequence()).isEqualTo(4));
        assertThat(counters.acksSent()).isEqualTo(1);
    }

    @Test
    void shouldAcknowledgeAfterTheIntervalWhenFewMessagesArrive()
    {
        session.subscribe(List.of(A));
        connect("c1");
        link.sent.clear();
        receive(ServerMessages.update(2, A, 1));
        clock.advanceMs(999);
        assertThat(session.onTimer(clock.nanoTime())).isEqualTo(1_000_000L);
        assertThat(sent()).isEmpty();

        clock.advanceMs(1);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).singleElement().isInstanceOfSatisfying(AckRequest.class, a -> assertThat(a.ackSequence()).isEqualTo(2));
        assertThat(session.onTimer(clock.nanoTime())).as("nothing left to acknowledge").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldSendUnansweredRequestsAgainWhenTheServerDroppedOneForTheRateLimit()
    {
        connect("c1");
        session.subscribe(List.of(A));
        link.sent.clear();

        receive(ServerMessages.error(2, ErrorCode.RATE_LIMITED, -1, 100));
        clock.advanceMs(99);
        session.onTimer(clock.nanoTime());
        assertThat(sent()).isEmpty();
        clock.advanceMs(1);
        session.onTimer(clock.nanoTime());

        assertThat(sent()).singleElement()
            .isInstanceOfSatisfying(SubscriptionRequest.class, r -> assertThat(r.tokens()).containsExactly(A));
        assertThat(errors).extracting(ClientError::code).containsExactly(ErrorCode.RATE_LIMITED);
    }

    @Test
    void shouldForgetARejectedTokenAndReportItWhenTheSubscriptionLimitIsReached()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        final long request = sent().get(0).sequence();

        receive(new SubscriptionResponse(2, 1, SubscriptionAction.SUBSCRIBE, List.of(A), SubscriptionResponse.STATUS_SUCCESS, request, 1,
            List.of(new io.tokenfeed.protocol.RejectedToken(B, ErrorCode.SUBSCRIPTION_LIMIT, "connection already has 1 subscriptions"))));
        receive(ServerMessages.update(3, B, 1));

        assertThat(errors).extracting(ClientError::code).containsExactly(ErrorCode.SUBSCRIPTION_LIMIT);
        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldDeliverTheSnapshotAgainWhenATokenIsSubscribedAfterAnUnsubscribe()
    {
        session.subscribe(List.of(A));
        connect("c1");
        receive(ServerMessages.update(2, A, 7));
        session.unsubscribe(List.of(A));
        receive(ServerMessages.update(3, A, 8));

        session.subscribe(List.of(A));
        receive(ServerMessages.update(4, A, 8));

        assertThat(delivered).extracting(TokenData::version).containsExactly(7L, 8L);
    }

    private void connect(final String connectionId)
    {
        link = new FakeLink(1);
        session.onConnected((ConnectionMessage)ServerMessages.greeting(connectionId, 15_000), link, clock.nanoTime());
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
}
