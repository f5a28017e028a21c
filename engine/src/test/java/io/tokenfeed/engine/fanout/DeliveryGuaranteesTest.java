package io.tokenfeed.engine.fanout;

import static io.tokenfeed.engine.fanout.FanOutHandlerTest.evm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.DeliveryLimits;
import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acks, retained messages, resume with replay or fallback, hold-back with conflation, slow consumers: on the stage. */
class DeliveryGuaranteesTest
{
    private static final String A = evm(1);
    private static final String B = evm(2);

    @Test
    void shouldReplayWhatTheClientMissedRenumberedAndMarkedBeforeLiveData()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel old = h.open(1);
        h.subscribe(1, 1, A, B);
        h.update(A, "1", true);
        h.update(B, "2", true);
        h.update(A, "3", true);
        // connection 1, subscription 2, then updates 3, 4, 5: the client saw up to 3.
        final long received = 3;
        h.close(1);
        h.update(B, "4", true);

        final RecordingChannel now = h.open(2);
        h.request(2, 7, new ResumeRequest(7, "conn-1", received));

        final List<Message> messages = now.messages();
        final ResumeResponse response = (ResumeResponse)messages.get(1);
        assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_SUCCESS);
        assertThat(response.connectionId()).isEqualTo("conn-1");
        assertThat(response.requestSequence()).isEqualTo(7);
        assertThat(response.subscriptions()).containsExactlyInAnyOrder(A, B);
        final List<Message> missed = old.messages().subList((int)received, old.size());
        assertThat(response.replayed()).isEqualTo(missed.size());
        for (int i = 0; i < missed.size(); i++)
        {
            final TokenData replayed = ((TokenUpdateMessage)messages.get(2 + i)).data();
            assertThat(messages.get(2 + i).sequence()).isEqualTo(3 + i);
            assertThat(replayed.replayed()).isTrue();
            assertThat(replayed.withReplayed(false)).isEqualTo(((TokenUpdateMessage)missed.get(i)).data());
        }
        final TokenUpdateMessage live = (TokenUpdateMessage)messages.get(messages.size() - 1);
        assertThat(live.data().address()).isEqualTo(B);
        assertThat(live.data().price()).isEqualTo("4");
        assertThat(live.data().replayed()).isFalse();
        assertContiguous(messages);

        h.update(A, "5", true);
        assertThat(((TokenUpdateMessage)now.messages().get(now.size() - 1)).data().price()).as("subscriptions moved").isEqualTo("5");
        assertThat(old.size()).isEqualTo(missed.size() + (int)received);
    }

    @Test
    void shouldMarkEveryMessageKindAsReplayedOnce()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel first = h.open(1);
        h.subscribe(1, 1, A);
        h.update(A, "1", false);
        h.update(B, "1", true);
        h.close(1);
        h.open(2);
        h.request(2, 1, new ResumeRequest(1, "conn-1", 1));
        h.close(2);
        final RecordingChannel third = h.open(3);
        h.request(3, 1, new ResumeRequest(1, "conn-2", 1));

        // conn-2 sent: connection, resume (a response about conn-1: never replayed), replayed subscription and update.
        final List<String> raw = third.raw();
        assertThat(((ResumeResponse)third.messages().get(1)).replayed()).isEqualTo(2);
        final List<String> replayed = raw.subList(2, raw.size());
        assertThat(replayed).hasSize(2).allSatisfy(json ->
        {
            assertThat(json).contains("\"replayed\":true");
            assertThat(json.indexOf("\"replayed\"")).isEqualTo(json.lastIndexOf("\"replayed\""));
        });
        assertThat(replayed.get(0)).startsWith("{\"type\":\"subscription\",\"sequence\":3,");
        assertThat(third.messages().get(3)).isInstanceOf(TokenUpdateMessage.class);
        assertThat(first.size()).isEqualTo(3);
    }

    @Test
    void shouldFallBackToSnapshotsWhenTheClientAskedForWhatItAlreadyAcknowledged()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel old = h.open(1);
        h.subscribe(1, 1, A);
        h.update(A, "1", true);
        h.update(A, "2", true);
        h.request(1, 2, new AckRequest(2, old.size()));
        h.close(1);

        final RecordingChannel now = h.open(2);
        h.request(2, 1, new ResumeRequest(1, "conn-1", 1));

        assertUnavailableWithSnapshot(now, List.of(A), "2");
    }

    @Test
    void shouldFallBackToSnapshotsWhenTheBufferNoLongerHoldsTheRange()
    {
        final StageHarness h = harness(1024);
        h.open(1);
        h.subscribe(1, 1, A);
        for (int i = 1; i <= 50; i++)
        {
            h.update(A, Integer.toString(i), true);
        }
        h.close(1);

        final RecordingChannel now = h.open(2);
        h.request(2, 1, new ResumeRequest(1, "conn-1", 3));

        assertUnavailableWithSnapshot(now, List.of(A), "50");
    }

    @Test
    void shouldAnswerAnUnknownOrExpiredSessionWithNoSubscriptions()
    {
        final StageHarness h = harness(262_144);
        h.open(1);
        h.subscribe(1, 1, A);
        h.close(1);
        h.clock.advance(EngineConfig.defaults().resumeWindowMs());
        h.control(EventType.TIMER_TICK, -1, -1, null);

        final RecordingChannel now = h.open(2);
        h.request(2, 1, new ResumeRequest(1, "conn-1", 1));
        h.request(2, 2, new ResumeRequest(2, "conn-9", 1));

        final ResumeResponse response = (ResumeResponse)now.messages().get(1);
        assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_ERROR);
        assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
        assertThat(response.subscriptions()).isEmpty();
        assertThat(((ErrorMessage)now.messages().get(2)).code()).as("only one resume per connection").isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void shouldTakeOverASessionWhoseSocketIsStillOpen()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel old = h.open(1);
        h.subscribe(1, 1, A);
        h.update(A, "1", true);
        final int oldMessages = old.size();

        final RecordingChannel now = h.open(2);
        h.request(2, 1, new ResumeRequest(1, "conn-1", oldMessages));

        assertThat(((ResumeResponse)now.messages().get(1)).replayed()).isZero();
        final ConnectionMessage bye = (ConnectionMessage)old.messages().get(oldMessages);
        assertThat(bye.status()).isEqualTo(ConnectionMessage.STATUS_DISCONNECTED);
        assertThat(bye.reason()).isEqualTo(SessionResumption.SESSION_RESUMED);
        assertThat(old.closedWith()).isEqualTo(CloseCode.NORMAL);

        h.close(1);
        h.update(A, "2", true);
        assertThat(((TokenUpdateMessage)now.messages().get(now.size() - 1)).data().price()).isEqualTo("2");
        assertThat(h.fanOut.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAResumeAfterASubscription()
    {
        final StageHarness h = harness(262_144);
        h.open(1);
        h.close(1);
        final RecordingChannel now = h.open(2);
        h.subscribe(2, 1, A);
        h.request(2, 2, new ResumeRequest(2, "conn-1", 1));

        final ErrorMessage error = (ErrorMessage)now.messages().get(now.size() - 1);
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.requestSequence()).isEqualTo(2);
    }

    @Test
    void shouldHoldBackAndConflateWhileTheSocketHasABacklogThenSendTheLatestInOneMessage()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel slow = h.open(1);
        h.subscribe(1, 1, A, B);
        h.update(A, "0", true);
        final int before = slow.size();
        slow.unsentBytes(Backpressure.WRITE_WINDOW_BYTES + 1);

        for (int i = 1; i <= 10; i++)
        {
            h.update(A, "a" + i, true);
            h.update(B, "b" + i, true);
        }
        assertThat(slow.size()).as("nothing more is queued on a backed-up socket").isEqualTo(before);

        slow.unsentBytes(0);
        h.control(EventType.TIMER_TICK, -1, -1, null);

        assertThat(slow.size()).isEqualTo(before + 1);
        final TokenBatchMessage batch = (TokenBatchMessage)slow.messages().get(before);
        assertThat(batch.updates()).extracting(TokenData::price).containsExactly("a10", "b10");
        assertThat(h.fanOut.deliveryStats().conflatedUpdates()).isEqualTo(18);
        assertContiguous(slow.messages());
    }

    @Test
    void shouldCloseASlowConsumerWith4001WhenItsSocketAcceptsNothingForTheTimeout()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel slow = h.open(1);
        final RecordingChannel healthy = h.open(2);
        h.subscribe(1, 1, A);
        h.subscribe(2, 1, A);
        slow.unsentBytes(10);
        h.control(EventType.TIMER_TICK, -1, -1, null);
        h.clock.advance(DeliveryLimits.defaults().slowConsumerTimeoutMs() - 1);
        h.control(EventType.TIMER_TICK, -1, -1, null);
        assertThat(slow.closedWith()).isNull();

        h.clock.advance(1);
        h.control(EventType.TIMER_TICK, -1, -1, null);

        final ErrorMessage error = (ErrorMessage)slow.messages().get(slow.size() - 1);
        assertThat(error.code()).isEqualTo(ErrorCode.SLOW_CONSUMER);
        assertThat(error.retryAfterMs()).isPositive();
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(healthy.closedWith()).isNull();
        assertThat(h.fanOut.deliveryStats().slowConsumers()).isEqualTo(1);

        h.close(1);
        final RecordingChannel resumed = h.open(3);
        h.request(3, 1, new ResumeRequest(1, "conn-1", 2));
        assertThat(((ResumeResponse)resumed.messages().get(1)).replayed()).as("the fatal error that ended it is not replayed").isZero();
        assertThat(resumed.raw()).noneMatch(json -> json.contains("SLOW_CONSUMER"));
    }

    @Test
    void shouldNotCloseAConsumerWhoseSocketKeepsAcceptingData()
    {
        final StageHarness h = harness(262_144);
        final RecordingChannel busy = h.open(1);
        busy.unsentBytes(10);
        for (int i = 0; i < 30; i++)
        {
            busy.written();
            h.clock.advance(1000);
            h.control(EventType.TIMER_TICK, -1, -1, null);
        }
        assertThat(busy.closedWith()).isNull();
    }

    private static void assertUnavailableWithSnapshot(final RecordingChannel channel, final List<String> tokens, final String price)
    {
        final ResumeResponse response = (ResumeResponse)channel.messages().get(1);
        assertThat(response.status()).isEqualTo(ResumeResponse.STATUS_ERROR);
        assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
        assertThat(response.subscriptions()).containsExactlyElementsOf(tokens);
        final TokenData snapshot = ((TokenUpdateMessage)channel.messages().get(2)).data();
        assertThat(snapshot.snapshot()).isTrue();
        assertThat(snapshot.price()).isEqualTo(price);
        assertContiguous(channel.messages());
    }

    private static void assertContiguous(final List<Message> messages)
    {
        final List<Long> sequences = new ArrayList<>();
        messages.forEach(m -> sequences.add(m.sequence()));
        for (int i = 0; i < sequences.size(); i++)
        {
            assertThat(sequences.get(i)).isEqualTo(i + 1);
        }
    }

    private static StageHarness harness(final int resumeBufferBytes)
    {
        final EngineConfig defaults = EngineConfig.defaults().withSimulator(false, 1, 5000);
        final DeliveryLimits limits = DeliveryLimits.defaults();
        return new StageHarness(defaults.withDelivery(defaults.resumeWindowMs(),
            new DeliveryLimits(resumeBufferBytes, limits.maxPendingBytes(), limits.slowConsumerTimeoutMs(), limits.maxDetachedSessions())));
    }
}
