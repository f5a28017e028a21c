package io.tokenfeed.engine.fanout;

import static io.tokenfeed.engine.fanout.FanOutHandlerTest.evm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out stage's session lifecycle: deadlines on ticks, closes in every order, fatal errors, shutdown. */
class SessionLifecycleTest
{
    private static final String A = evm(1);
    private static final String B = evm(2);

    @Test
    void shouldSendHeartbeatOnlyToSessionsIdleForAnInterval()
    {
        final StageHarness h = StageHarness.withDefaults();
        final long startMs = h.clock.time();
        final RecordingChannel idle = h.open(1);
        final RecordingChannel busy = h.open(2);
        h.subscribe(2, 1, A);

        h.clock.update(startMs + 10_000);
        h.update(A, "1", true);
        h.clock.update(startMs + 14_999);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);
        assertThat(idle.messages()).hasSize(1);

        h.clock.update(startMs + 15_000);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);

        final HeartbeatMessage heartbeat = (HeartbeatMessage)idle.messages().get(1);
        assertThat(heartbeat.sequence()).isEqualTo(2);
        assertThat(heartbeat.requestSequence()).isEqualTo(-1);
        assertThat(busy.messages()).noneMatch(m -> m instanceof HeartbeatMessage);

        h.clock.update(startMs + 25_000);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);
        assertThat(busy.messages().get(busy.size() - 1)).isInstanceOf(HeartbeatMessage.class);
        assertThat(idle.messages()).hasSize(2);
    }

    @Test
    void shouldPingEveryIntervalAndCloseWith4000AfterTwoSilentIntervals()
    {
        final StageHarness h = StageHarness.withDefaults();
        final long startMs = h.clock.time();
        final RecordingChannel alive = h.open(1);
        final RecordingChannel silent = h.open(2);
        alive.lastReceivedMs(startMs);
        silent.lastReceivedMs(startMs);

        h.clock.update(startMs + 15_000);
        alive.lastReceivedMs(startMs + 15_000);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);
        assertThat(alive.pings()).isEqualTo(1);
        assertThat(silent.pings()).isEqualTo(1);

        h.clock.update(startMs + 29_999);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);
        assertThat(silent.closedWith()).isNull();

        h.clock.update(startMs + 30_000);
        h.control(io.tokenfeed.engine.ring.EventType.TIMER_TICK, -1, -1, null);
        assertThat(silent.closedWith()).isEqualTo(io.tokenfeed.protocol.CloseCode.HEARTBEAT_TIMEOUT);
        assertThat(alive.closedWith()).isNull();
        assertThat(alive.pings()).isEqualTo(2);
        assertThat(h.fanOut.heartbeatTimeouts()).isEqualTo(1);
    }

    @Test
    void shouldCloseAfterAFatalError()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        h.clientError(1, 3, ErrorCode.RATE_LIMITED, "slow down");
        assertThat(channel.closedWith()).as("a warning keeps the connection").isNull();

        h.clientError(1, 4, ErrorCode.RATE_LIMIT_ABUSE, "still flooding");

        final ErrorMessage fatal = (ErrorMessage)channel.messages().get(channel.size() - 1);
        assertThat(fatal.code()).isEqualTo(ErrorCode.RATE_LIMIT_ABUSE);
        assertThat(fatal.level()).isEqualTo(io.tokenfeed.protocol.ErrorLevel.FATAL);
        assertThat(channel.closedWith()).isEqualTo(io.tokenfeed.protocol.CloseCode.POLICY_VIOLATION);
    }

    @Test
    void shouldSayGoodbyeInSequenceAndCloseWith1001OnShutdown()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A);
        h.update(A, "1", false);

        h.control(io.tokenfeed.engine.ring.EventType.SHUTDOWN, -1, -1, null);

        final List<Message> messages = channel.messages();
        assertThat(messages.get(messages.size() - 2)).isInstanceOf(TokenUpdateMessage.class);
        final ConnectionMessage goodbye = (ConnectionMessage)messages.get(messages.size() - 1);
        assertThat(goodbye.status()).isEqualTo("disconnected");
        assertThat(goodbye.reason()).isEqualTo("server_shutdown");
        assertThat(goodbye.sequence()).isEqualTo(messages.get(messages.size() - 2).sequence() + 1);
        assertThat(channel.closedWith()).isEqualTo(io.tokenfeed.protocol.CloseCode.GOING_AWAY);
    }

    @Test
    void shouldDropAnOpenWhoseDeferredCloseArrivedFirst()
    {
        final StageHarness h = StageHarness.withDefaults();
        h.deferredCloses.add(7);
        h.update(A, "1", true);

        final RecordingChannel late = h.open(7);

        assertThat(late.messages()).isEmpty();
        assertThat(h.fanOut.sessionCount()).isZero();
        final RecordingChannel next = h.open(8);
        assertThat(next.messages()).hasSize(1);
    }

    @Test
    void shouldApplyClosesDeferredFromAFullRingAtTheEndOfTheNextBatch()
    {
        final StageHarness h = StageHarness.withDefaults();
        h.open(1);
        h.subscribe(1, 1, A);
        h.deferredCloses.add(1);

        h.update(B, "1", true);

        assertThat(h.fanOut.sessionCount()).isZero();
        assertThat(h.fanOut.subscriptionCount()).isZero();
    }

    @Test
    void shouldForgetSubscriptionsOfClosedConnectionsWhenTheResumeWindowEnds()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel closed = h.open(1);
        final RecordingChannel open = h.open(2);
        h.subscribe(1, 1, A);
        h.subscribe(2, 1, A);
        h.close(1);
        closed.clear();
        open.clear();

        h.update(A, "1", true);

        assertThat(closed.messages()).as("a detached session is never written to").isEmpty();
        assertThat(open.messages()).hasSize(1);
        assertThat(h.fanOut.sessionCount()).isEqualTo(1);
        assertThat(h.fanOut.subscriptionCount()).as("kept for a resume").isEqualTo(2);

        h.clock.advance(EngineConfig.defaults().resumeWindowMs());
        h.control(EventType.TIMER_TICK, -1, -1, null);

        assertThat(h.fanOut.subscriptionCount()).isEqualTo(1);
        assertThat(h.fanOut.deliveryStats().sessionsExpired()).isEqualTo(1);
        assertThat(h.fanOut.deliveryStats().detachedSessions()).isZero();
    }

    @Test
    void shouldForgetPendingInterestOfClosedConnectionsWhenTheResumeWindowEnds()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel closed = h.open(1);
        h.subscribe(1, 1, A);
        h.close(1);
        closed.clear();
        h.clock.advance(EngineConfig.defaults().resumeWindowMs());
        h.control(EventType.TIMER_TICK, -1, -1, null);

        h.update(A, "1", true);

        assertThat(closed.messages()).isEmpty();
        assertThat(h.fanOut.subscriptionCount()).isZero();
    }

    @Test
    void shouldKeepDeliveringToOthersWhenOneChannelThrows()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel healthy = h.open(1);
        h.control(io.tokenfeed.engine.ring.EventType.CONNECTION_OPENED, 2, -1, new ThrowingChannel());
        h.subscribe(1, 1, A);
        h.subscribe(2, 1, A);
        healthy.clear();

        h.update(A, "1", true);
        h.update(A, "2", true);

        assertThat(healthy.messages()).extracting(m -> ((TokenUpdateMessage)m).data().price()).containsExactly("1", "2");
        assertThat(h.exceptionHandler.errors()).isGreaterThanOrEqualTo(2);
    }

    /** Accepts the greeting and the subscription answer, then fails every send like a broken transport. */
    private static final class ThrowingChannel extends RecordingChannel
    {
        ThrowingChannel()
        {
            super("throwing");
        }

        @Override
        public synchronized boolean sendText(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            if (size() >= 2)
            {
                throw new IllegalStateException("transport broken");
            }
            return super.sendText(buffer, offset, length);
        }
    }
}
