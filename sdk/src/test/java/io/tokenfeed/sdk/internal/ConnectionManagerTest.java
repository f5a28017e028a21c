package io.tokenfeed.sdk.internal;

import static io.tokenfeed.sdk.ConnectionState.CLOSED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTED;
import static io.tokenfeed.sdk.ConnectionState.CONNECTING;
import static io.tokenfeed.sdk.ConnectionState.FAILED;
import static io.tokenfeed.sdk.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.HeartbeatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every transition of the connection state machine, with the network, the server and time played by the test: no
 * sockets, no sleeps, and the backoff schedule checked to the nanosecond.
 */
class ConnectionManagerTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final ManagerHarness h = new ManagerHarness(-1, FixedRandom.highest()).started();

    @Test
    void shouldStartConnectingWithOneAttemptWhenStarted()
    {
        assertThat(h.state()).isEqualTo(CONNECTING);
        assertThat(h.changes.get(0).previous()).isNull();
        assertThat(h.attempts()).isEqualTo(1);
    }

    @Test
    void shouldGoFromConnectingToConnectedWhenTheServerGreets()
    {
        h.greet(15_000);

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED);
        assertThat(h.session.greetings).hasSize(1);
        assertThat(h.manager.connectionId()).isEqualTo("c1");
    }

    @Test
    void shouldStayConnectingWhenTheSocketOpensWithoutAGreeting()
    {
        h.opened();

        assertThat(h.state()).isEqualTo(CONNECTING);
    }

    @Test
    void shouldGoFromConnectingToReconnectingWhenTheFirstAttemptFails()
    {
        h.failAttempt();

        assertThat(h.states()).containsExactly(CONNECTING, RECONNECTING);
        assertThat(h.changes.get(1).reason()).contains("Connection refused");
    }

    @Test
    void shouldGoFromConnectedToReconnectingWhenTheServerCloses()
    {
        h.greet(15_000);

        h.closedByServer(1001, "server shutdown");

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING);
        assertThat(h.changes.get(2).reason()).contains("1001 server shutdown");
        assertThat(h.session.disconnects).isEqualTo(1);
    }

    @Test
    void shouldGoFromReconnectingToConnectedWhenAnAttemptSucceeds()
    {
        h.greet(15_000);
        h.closedByServer(1006, "");
        h.clock.advanceMs(1000);
        h.timer();

        h.greet(15_000);

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, CONNECTED);
        assertThat(h.counters.reconnects()).isEqualTo(1);
        assertThat(h.session.greetings).extracting(g -> g.connectionId()).containsExactly("c1", "c2");
    }

    @Test
    void shouldGoFromReconnectingToFailedWhenRetriesAreExhausted()
    {
        final ManagerHarness limited = new ManagerHarness(2, new FixedRandom(0)).started();
        limited.greet(15_000);
        limited.closedByServer(1006, "");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            limited.timer();
            limited.failAttempt();
        }

        assertThat(limited.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, FAILED);
        assertThat(limited.attempts()).isEqualTo(3);
        assertThat(limited.changes.get(3).reason()).contains("gave up after 2 retries");
        assertThat(limited.session.terminated).isEqualTo(FAILED);
    }

    @Test
    void shouldFailAtOnceWhenRetriesAreZeroAndTheFirstAttemptFails()
    {
        final ManagerHarness none = new ManagerHarness(0, new FixedRandom(0)).started();

        none.failAttempt();

        assertThat(none.states()).containsExactly(CONNECTING, FAILED);
    }

    @Test
    void shouldGoStraightToFailedWithoutRetryingWhenTheServerSaysUnauthorized()
    {
        h.opened();
        h.receive(new io.tokenfeed.protocol.ConnectionMessage(1, ServerMessages.TIMESTAMP, "error", "x", -1, -1, -1, -1, null,
            "unauthorized"));
        h.receive(ServerMessages.fatal(2, ErrorCode.UNAUTHORIZED, -1));
        h.clock.advanceMs(60_000);
        h.timer();

        assertThat(h.states()).containsExactly(CONNECTING, FAILED);
        assertThat(h.attempts()).isEqualTo(1);
        assertThat(h.errors).extracting(e -> e.code()).containsExactly(ErrorCode.UNAUTHORIZED);
        assertThat(h.connector.current().aborted).isTrue();
    }

    @Test
    void shouldFailWhenOnlyTheUnauthorizedCloseArrives()
    {
        h.opened();

        h.closedByServer(1008, "unauthorized");

        assertThat(h.states()).containsExactly(CONNECTING, FAILED);
    }

    @Test
    void shouldGoFromConnectedToFailedWhenAnotherConnectionResumedTheSession()
    {
        h.greet(15_000);

        h.receive(ServerMessages.disconnected(2, "session_resumed"));
        h.closedByServer(1000, "session resumed on another connection");

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, FAILED);
        assertThat(h.changes.get(2).reason()).contains("resumed on another connection");
    }

    @Test
    void shouldGoToClosedFromConnectingWhenTheApplicationCloses()
    {
        h.manager.close("closed by the application");

        assertThat(h.states()).containsExactly(CONNECTING, CLOSED);
        assertThat(h.session.terminated).isEqualTo(CLOSED);
    }

    @Test
    void shouldGoToClosedFromConnectedWithACloseFrameWhenTheApplicationCloses()
    {
        h.greet(15_000);

        h.manager.close("closed by the application");

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        assertThat(h.connector.current().closedWith).isEqualTo(1000);
    }

    @Test
    void shouldGoToClosedFromReconnectingAndStopRetryingWhenTheApplicationCloses()
    {
        h.failAttempt();

        h.manager.close("closed by the application");
        h.clock.advanceMs(60_000);
        h.timer();

        assertThat(h.states()).containsExactly(CONNECTING, RECONNECTING, CLOSED);
        assertThat(h.attempts()).isEqualTo(1);
    }

    @Test
    void shouldNeverLeaveAFinalStateWhateverArrivesLater()
    {
        h.greet(15_000);
        h.manager.close("closed by the application");

        h.closedByServer(1006, "");
        h.clock.advanceMs(60_000);
        h.timer();

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
    }

    @Test
    void shouldFollowTheBackoffScheduleWhenAttemptsKeepFailing()
    {
        h.failAttempt();
        final long[] expectedWindowsS = {1, 2, 4, 8, 16, 30, 30};
        for (final long windowS : expectedWindowsS)
        {
            final long failedAtNs = h.clock.nanoTime();
            final int attempts = h.attempts();
            assertThat(h.timer()).as("the timer wakes at the next attempt").isEqualTo(windowS * SECOND_NS - 1);
            h.clock.advanceNs(windowS * SECOND_NS - 2);
            h.timer();
            assertThat(h.attempts()).as("no attempt before %d s", windowS).isEqualTo(attempts);
            h.clock.advanceNs(1);
            h.timer();
            assertThat(h.attempts()).isEqualTo(attempts + 1);
            assertThat(h.connector.attemptsAtNs.get(attempts) - failedAtNs).isEqualTo(windowS * SECOND_NS - 1);
            h.failAttempt();
        }
        assertThat(h.states()).containsExactly(CONNECTING, RECONNECTING);
    }

    @Test
    void shouldRestartTheScheduleFromTheBaseWhenAConnectionSucceeded()
    {
        h.failAttempt();
        h.clock.advanceMs(1000);
        h.timer();
        h.failAttempt();
        h.clock.advanceMs(2000);
        h.timer();
        h.greet(15_000);

        h.closedByServer(1006, "");

        assertThat(h.timer()).isEqualTo(SECOND_NS - 1);
    }

    @Test
    void shouldWaitAtLeastTheServersRetryAfterWhenItRefusesTheConnection()
    {
        final ManagerHarness zeroJitter = new ManagerHarness(-1, new FixedRandom(0)).started();
        zeroJitter.opened();
        zeroJitter.receive(new io.tokenfeed.protocol.ConnectionMessage(1, ServerMessages.TIMESTAMP, "error", "x", -1, -1, -1, -1, null,
            "connection_limit"));

        zeroJitter.receive(ServerMessages.fatal(2, ErrorCode.CONNECTION_LIMIT, 1000));

        assertThat(zeroJitter.state()).isEqualTo(RECONNECTING);
        assertThat(zeroJitter.timer()).isEqualTo(1000 * 1_000_000L);
        zeroJitter.clock.advanceMs(999);
        zeroJitter.timer();
        assertThat(zeroJitter.attempts()).isEqualTo(1);
        zeroJitter.clock.advanceMs(1);
        zeroJitter.timer();
        assertThat(zeroJitter.attempts()).isEqualTo(2);
    }

    @Test
    void shouldAbortAndRetryWhenNoGreetingArrivesWithinTheConnectTimeout()
    {
        h.opened();
        h.clock.advanceMs(ManagerHarness.CONNECT_TIMEOUT.toMillis() - 1);
        h.timer();
        assertThat(h.state()).isEqualTo(CONNECTING);

        h.clock.advanceMs(1);
        h.timer();

        assertThat(h.connector.current().aborted).isTrue();
        assertThat(h.states()).containsExactly(CONNECTING, RECONNECTING);
        assertThat(h.changes.get(1).reason()).contains("connect timeout");
    }

    @Test
    void shouldDropTheConnectionWhenTheServerIsSilentForTwoHeartbeatIntervals()
    {
        h.greet(500);
        h.clock.advanceMs(600);
        h.manager.onInbound(Inbound.ping(h.linkId()), h.clock.nanoTime());
        h.clock.advanceMs(999);
        h.timer();
        assertThat(h.state()).as("a ping is a sign of life").isEqualTo(CONNECTED);

        h.clock.advanceMs(1);
        h.timer();

        assertThat(h.connector.current().aborted).isTrue();
        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING);
        assertThat(h.changes.get(2).reason()).contains("heard nothing from the server for 1000 ms");
    }

    @Test
    void shouldNotBlameTheServerWhenMessagesArrivedButWaitForTheClientThread()
    {
        h.greet(500);
        h.clock.advanceMs(900);
        h.connector.current().lastActivityNs = h.clock.nanoTime();

        h.clock.advanceMs(100);
        h.timer();

        assertThat(h.state()).isEqualTo(CONNECTED);
        h.clock.advanceMs(1000);
        h.timer();
        assertThat(h.state()).isEqualTo(RECONNECTING);
    }

    @Test
    void shouldUseTheConfiguredIntervalForTheWatchdogWhenTheGreetingHasNone()
    {
        h.opened();
        h.receive(new io.tokenfeed.protocol.ConnectionMessage(1, ServerMessages.TIMESTAMP, "connected", "c1", 100, -1, -1, 60_000, null,
            null));

        assertThat(h.timer()).isEqualTo(30 * SECOND_NS);
    }

    @Test
    void shouldReportAGapAndDropDuplicatesWhenSequencesMisbehave()
    {
        h.greet(15_000);
        h.receive(ServerMessages.heartbeat(2));

        h.receive(ServerMessages.heartbeat(5));
        h.receive(ServerMessages.heartbeat(4));
        h.receive(ServerMessages.heartbeat(6));

        assertThat(h.session.gaps).hasSize(1);
        assertThat(h.session.gaps.get(0)).containsExactly(3, 5);
        assertThat(h.session.messages).extracting(m -> m.sequence()).containsExactly(2L, 5L, 6L);
        assertThat(h.counters.duplicateMessages()).isEqualTo(1);
    }

    @Test
    void shouldReconnectWhenTheSessionRefusesToGoOnAfterAGap()
    {
        h.session.keepAfterGap = false;
        h.greet(15_000);

        h.receive(ServerMessages.heartbeat(3));

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING);
        assertThat(h.session.messages).isEmpty();
    }

    @Test
    void shouldReconnectWhenTheGreetingItselfIsLost()
    {
        h.opened();

        h.receive(ServerMessages.heartbeat(2));

        assertThat(h.states()).containsExactly(CONNECTING, RECONNECTING);
    }

    @Test
    void shouldIgnoreEventsOfAConnectionAlreadyGivenUp()
    {
        h.greet(15_000);
        final long oldLink = h.linkId();
        h.closedByServer(1006, "");
        h.clock.advanceMs(1000);
        h.timer();
        h.greet(15_000);

        h.manager.onInbound(Inbound.message(oldLink, ServerMessages.json(ServerMessages.heartbeat(2)), false, 0), h.clock.nanoTime());
        h.manager.onInbound(Inbound.closed(oldLink, 1001, "late"), h.clock.nanoTime());

        assertThat(h.state()).isEqualTo(CONNECTED);
        assertThat(h.session.messages).isEmpty();
    }

    @Test
    void shouldSkipUnknownMessageTypesWithoutSeeingAGapWhenTheirSequenceIsReadable()
    {
        h.greet(15_000);

        h.manager.onInbound(Inbound.message(h.linkId(),
            "{\"type\":\"news\",\"sequence\":2,\"timestamp\":1,\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8), false, 0),
            h.clock.nanoTime());
        h.receive(ServerMessages.heartbeat(3));

        assertThat(h.session.gaps).isEmpty();
        assertThat(h.session.messages).singleElement().isInstanceOf(HeartbeatMessage.class);
        assertThat(h.errors).hasSize(1);
        assertThat(h.connector.current().consumed).isEqualTo(3);
    }

    @Test
    void shouldLetTheSocketGoWhenTheServerClosesTheConnection()
    {
        h.greet(15_000);

        h.closedByServer(1001, "server shutdown");

        assertThat(h.connector.current().aborted).as("nothing more will be read or sent on it").isTrue();
    }

    @Test
    void shouldFailWithoutRetryingWhenTheConnectorRefusesTheConnectionSettings()
    {
        final ManagerHarness refused = new ManagerHarness(-1, new FixedRandom(0));
        refused.connector.refuseWith = new IllegalArgumentException("invalid header value");

        refused.manager.start(refused.clock.nanoTime());
        refused.clock.advanceMs(60_000);
        refused.manager.onTimer(refused.clock.nanoTime());

        assertThat(refused.states()).containsExactly(CONNECTING, FAILED);
        assertThat(refused.changes.get(1).reason()).contains("invalid header value");
        assertThat(refused.connector.attemptsAtNs).hasSize(1);
        assertThat(refused.session.terminated).isEqualTo(FAILED);
    }

    @Test
    void shouldWarnOnceWhenTheServerMaySendMessagesLargerThanTheClientAccepts()
    {
        h.opened();
        h.receive(ServerMessages.greeting("c1", 15_000, 2 << 20, 60_000));
        h.closedByServer(1006, "");
        h.clock.advanceMs(1000);
        h.timer();
        h.opened();
        h.receive(ServerMessages.greeting("c2", 15_000, 2 << 20, 60_000));

        assertThat(h.state()).isEqualTo(CONNECTED);
        assertThat(h.errors).singleElement().satisfies(e ->
        {
            assertThat(e.code()).isNull();
            assertThat(e.message()).contains(Integer.toString(2 << 20)).contains(Integer.toString(1 << 20)).contains("maxMessageBytes");
        });
    }

    @Test
    void shouldNotWarnWhenTheClientAcceptsEverythingTheServerMaySend()
    {
        h.greet(15_000);

        assertThat(h.errors).isEmpty();
    }

    @Test
    void shouldEnterFailedAndTellTheSessionWhenAbandonedByItsThread()
    {
        h.greet(15_000);

        h.manager.abandon("the client thread failed: boom");
        h.manager.abandon("again");

        assertThat(h.states()).containsExactly(CONNECTING, CONNECTED, FAILED);
        assertThat(h.session.terminated).isEqualTo(FAILED);
        assertThat(h.connector.current().aborted).isTrue();
    }

    @Test
    void shouldPublishTheFinalStateAndTellTheSessionEvenWhenAStateListenerFailsFatally()
    {
        final ManagerHarness fragile = new ManagerHarness(-1, new FixedRandom(0), change ->
        {
            if (change.current() == CLOSED)
            {
                throw new StackOverflowError("simulated");
            }
        });
        fragile.started().greet(15_000);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fragile.manager.close("bye")).isInstanceOf(StackOverflowError.class);

        assertThat(fragile.state()).isEqualTo(CLOSED);
        assertThat(fragile.session.terminated).isEqualTo(CLOSED);
    }

    @Test
    void shouldReportEachTransitionOnceWithItsPreviousState()
    {
        h.greet(15_000);
        h.closedByServer(1006, "");
        h.clock.advanceMs(1000);
        h.timer();
        h.greet(15_000);
        h.manager.close("bye");

        assertThat(h.changes).extracting(c -> c.previous() + "->" + c.current())
            .isEqualTo(List.of("null->CONNECTING", "CONNECTING->CONNECTED", "CONNECTED->RECONNECTING", "RECONNECTING->CONNECTED",
                "CONNECTED->CLOSED"));
    }
}
