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

/** The subscriber's logic on a fake connection: resume and reconcile, gaps, stale versions, acks, pacing. */
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
    private long warnedAtNs;

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
        timer();

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
        timer();

        // Unsubscribes first: they make room under maxSubscriptions for what follows.
        final List<Message> requests = sent().subList(1, sent().size());
        assertThat(requests).extracting(SubscriberSessionTest::describe)
            .containsExactly("UNSUBSCRIBE [" + B + "]", "SUBSCRIBE [" + C + "]");
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
        clock.advanceMs(50);
        timer();

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
    void shouldAskAgainForWhatIsStillMissingNoSoonerThanRetryAfterWhenTheServerDroppedARequest()
    {
        connect("c1");
        session.subscribe(List.of(A));
        timer();
        link.sent.clear();

        receive(ServerMessages.error(2, ErrorCode.RATE_LIMITED, -1, 100));
        clock.advanceMs(99);
        timer();
        assertThat(sent()).isEmpty();
        clock.advanceMs(1);
        final long waitNs = timer();
        // The server's budget is smaller than the pace assumed: the pace halves, one message per 200 ms.
        assertThat(sent()).as("the bucket was emptied by the warning").isEmpty();
        clock.advanceNs(waitNs);
        timer();

        assertThat(sent()).singleElement()
            .isInstanceOfSatisfying(SubscriptionRequest.class, r -> assertThat(r.tokens()).containsExactly(A));
        assertThat(clock.nanoTime() - warnedAt()).isEqualTo(200_000_000L);
        assertThat(errors).extracting(ClientError::code).containsExactly(ErrorCode.RATE_LIMITED);
    }

    @Test
    void shouldComputeTheDifferenceAgainRatherThanReplayWhenTheApplicationChangedItsMindMeanwhile()
    {
        connect("c1");
        session.subscribe(List.of(A));
        timer();
        link.sent.clear();
        receive(ServerMessages.error(2, ErrorCode.RATE_LIMITED, -1, 100));

        session.unsubscribe(List.of(A));
        session.subscribe(List.of(B));
        clock.advanceMs(1000);
        timer();

        assertThat(requests()).containsExactly("SUBSCRIBE [" + B + "]");
    }

    @Test
    void shouldNeverSendAStaleUnsubscribeOfATokenSubscribedAgainWhenTheUnsubscribeWasDropped()
    {
        session.subscribe(List.of(A));
        connect("c1");
        answer(0, SubscriptionAction.SUBSCRIBE, List.of(A), 2);
        session.unsubscribe(List.of(A));
        clock.advanceMs(50);
        timer();
        session.subscribe(List.of(A));
        clock.advanceMs(50);
        timer();
        assertThat(requests()).containsExactly("SUBSCRIBE [" + A + "]", "UNSUBSCRIBE [" + A + "]", "SUBSCRIBE [" + A + "]");

        // The server dropped the unsubscribe (its warning stands in for the answer) and applied the subscribe.
        receive(ServerMessages.error(3, ErrorCode.RATE_LIMITED, -1, 100));
        answer(2, SubscriptionAction.SUBSCRIBE, List.of(A), 4);
        clock.advanceMs(1000);
        timer();
        receive(ServerMessages.update(5, A, 9));

        assertThat(requests()).as("nothing left to ask for").hasSize(3);
        assertThat(delivered).extracting(TokenData::version).containsExactly(9L);
    }

    @Test
    void shouldCoalesceSubscriptionChangesMadeCloseTogetherIntoOneRequest()
    {
        connect("c1");
        session.subscribe(List.of(A));
        session.subscribe(List.of(B));
        session.unsubscribe(List.of(B));
        session.subscribe(List.of(C));
        timer();
        clock.advanceMs(10);
        session.subscribe(List.of(B));
        final long waitNs = timer();

        assertThat(sent()).extracting(SubscriberSessionTest::describe).containsExactly("SUBSCRIBE [" + A + ", " + C + "]");
        assertThat(waitNs).as("at most one flush every 50 ms").isEqualTo(40_000_000L);
        clock.advanceNs(waitNs);
        timer();
        assertThat(sent()).extracting(SubscriberSessionTest::describe).endsWith("SUBSCRIBE [" + B + "]");
    }

    @Test
    void shouldStayWithinTheServersRateLimitWhateverTheApplicationDoes()
    {
        connect("c1");
        final ServerBudget server = new ServerBudget(20, clock.nanoTime());
        int checked = 0;
        for (int ms = 0; ms < 3_000; ms++)
        {
            // Every millisecond a change, and messages to acknowledge: acks and subscriptions compete for the budget.
            final String token = String.format("0x%040x", ms % 300);
            if (ms % 3 == 2)
            {
                session.unsubscribe(List.of(token));
            }
            else
            {
                session.subscribe(List.of(token));
            }
            receive(ServerMessages.heartbeat(ms + 2));
            timer();
            for (; checked < link.sent.size(); checked++)
            {
                assertThat(server.admit(clock.nanoTime())).as("message %d at %d ms", checked, ms).isTrue();
            }
            clock.advanceMs(1);
        }

        assertThat(link.sent).as("both kinds went out").hasSizeGreaterThan(20);
        assertThat(sent()).anyMatch(AckRequest.class::isInstance).anyMatch(SubscriptionRequest.class::isInstance);
        assertThat(link.sent.size()).as("ten a second at most, after a burst of ten").isLessThanOrEqualTo(10 + 3 * 10);
    }

    @Test
    void shouldSplitARequestOfMoreThanAThousandTokens()
    {
        final List<String> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++)
        {
            many.add(String.format("0x%040x", i + 1));
        }
        session.subscribe(many);

        connect("c1");

        assertThat(sent()).extracting(m -> ((SubscriptionRequest)m).tokens().size()).containsExactly(1000, 1000, 500);
    }

    @Test
    void shouldSendTheResumeAgainWhenTheRateLimitDroppedIt()
    {
        session.subscribe(List.of(A));
        connect("c1");
        session.onDisconnected(clock.nanoTime());
        connect("c2");
        link.sent.clear();

        receive(ServerMessages.error(2, ErrorCode.RATE_LIMITED, -1, 100));
        clock.advanceMs(200);
        timer();

        assertThat(sent()).singleElement().isInstanceOfSatisfying(ResumeRequest.class, r ->
        {
            assertThat(r.connectionId()).isEqualTo("c1");
            assertThat(r.lastSequence()).isEqualTo(1);
        });
    }

    @Test
    void shouldForgetEveryVersionWhenReconnectedToAServerThatKeepsNoSessions()
    {
        session.subscribe(List.of(A));
        connect("c1", 0);
        receive(ServerMessages.update(2, A, 500));
        session.onDisconnected(clock.nanoTime());

        // The server restarted: its versions start again, and its snapshot is the new truth.
        connect("c2", 0);
        receive(ServerMessages.update(2, A, 1));
        receive(ServerMessages.update(3, A, 2));

        assertThat(sent()).extracting(SubscriberSessionTest::describe).containsExactly("SUBSCRIBE [" + A + "]");
        assertThat(delivered).extracting(TokenData::version).containsExactly(500L, 1L, 2L);
        assertThat(counters.staleDrops()).isZero();
    }

    @Test
    void shouldForgetTheVersionsOfTokensTheServerDidNotRestoreWhenTheResumeIsUnavailable()
    {
        session.subscribe(List.of(A, B));
        connect("c1");
        receive(ServerMessages.update(2, A, 500));
        receive(ServerMessages.update(3, B, 500));
        session.onDisconnected(clock.nanoTime());
        connect("c2");

        receive(ServerMessages.resumed(2, ResumeResponse.STATUS_ERROR, sent().get(0).sequence(), 0, List.of(B)));
        receive(ServerMessages.update(3, A, 1));
        receive(ServerMessages.update(4, B, 1));

        assertThat(delivered).extracting(d -> d.address().charAt(2) + ":" + d.version()).containsExactly("a:500", "b:500", "a:1");
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
        connect(connectionId, 60_000);
    }

    private void connect(final String connectionId, final long resumeWindowMs)
    {
        link = new FakeLink(1);
        session.onConnected((ConnectionMessage)ServerMessages.greeting(connectionId, 15_000, 1_048_576, resumeWindowMs), link,
            clock.nanoTime());
    }

    private long timer()
    {
        return session.onTimer(clock.nanoTime());
    }

    /** The server's answer to the index-th message sent on the current link, applying {@code tokens}. */
    private void answer(final int index, final SubscriptionAction action, final List<String> tokens, final long sequence)
    {
        receive(new SubscriptionResponse(sequence, 1, action, tokens, SubscriptionResponse.STATUS_SUCCESS, sent().get(index).sequence(),
            tokens.size(), List.of()));
    }

    private long warnedAt()
    {
        return warnedAtNs;
    }

    /** The subscription requests sent on the current link, acks left out. */
    private List<String> requests()
    {
        return sent().stream().filter(SubscriptionRequest.class::isInstance).map(SubscriberSessionTest::describe).toList();
    }

    private static String describe(final Message message)
    {
        final SubscriptionRequest request = (SubscriptionRequest)message;
        return request.action() + " " + request.tokens();
    }

    private void receive(final Message message)
    {
        if (message instanceof io.tokenfeed.protocol.ErrorMessage error && error.code() == ErrorCode.RATE_LIMITED)
        {
            warnedAtNs = clock.nanoTime();
        }
        session.onMessage(message, clock.epochMillis(), clock.nanoTime());
    }

    /** The server's side of the rate limit (protocol.md 10.2): a bucket of one second's worth, refilled continuously. */
    private static final class ServerBudget
    {
        private final long costNs;
        private final long capacityNs;
        private long creditNs;
        private long lastNs;

        ServerBudget(final int perSecond, final long nowNs)
        {
            costNs = 1_000_000_000L / perSecond;
            capacityNs = perSecond * costNs;
            creditNs = capacityNs;
            lastNs = nowNs;
        }

        boolean admit(final long nowNs)
        {
            creditNs = Math.min(capacityNs, creditNs + nowNs - lastNs);
            lastNs = nowNs;
            if (creditNs < costNs)
            {
                return false;
            }
            creditNs -= costNs;
            return true;
        }
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
