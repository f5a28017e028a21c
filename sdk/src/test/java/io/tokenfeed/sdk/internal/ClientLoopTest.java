package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.StateChange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The client thread on its own: however it ends, the client ends in a final state. */
class ClientLoopTest
{
    private final ManualClock clock = new ManualClock();
    private final FakeConnector connector = new FakeConnector(clock);
    private final RecordingSession session = new RecordingSession();
    private final StateTracker tracker = new StateTracker();
    private final List<StateChange> changes = new CopyOnWriteArrayList<>();

    @Test
    void shouldEndInFailedAndFailTheSessionWhenTheThreadFailsAndTheErrorListenerFailsToo() throws Exception
    {
        session.failOnTimer = new IllegalStateException("a bug in the session");
        final ClientLoop loop = start(error ->
        {
            throw new StackOverflowError("the error listener blew up too");
        });

        assertThat(loop.join(10_000)).as("the thread ended").isTrue();

        assertThat(tracker.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(changes).last().satisfies(c -> assertThat(c.reason()).contains("a bug in the session"));
        assertThat(session.terminated).as("futures are failed, not left pending").isEqualTo(ConnectionState.FAILED);
        assertThat(loop.execute(() -> { })).isFalse();
    }

    @Test
    void shouldEndInFailedWhenTheThreadFails() throws Exception
    {
        session.failOnTimer = new IllegalStateException("a bug in the session");
        final ClientLoop loop = start(error -> { });

        assertThat(loop.join(10_000)).isTrue();

        assertThat(changes).extracting(StateChange::current).containsExactly(ConnectionState.CONNECTING, ConnectionState.FAILED);
        assertThat(session.terminated).isEqualTo(ConnectionState.FAILED);
    }

    private ClientLoop start(final io.tokenfeed.sdk.ErrorListener errorListener)
    {
        final ConnectionCounters counters = new ConnectionCounters();
        final ConnectionOptions options = new ConnectionOptions(URI.create("ws://127.0.0.1:1/api/v1/ws/token-data"), Map.of(),
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), -1, Duration.ofSeconds(15), 16, 1 << 20, clock,
            new FixedRandom(0), connector, "client-loop-test");
        final Listeners listeners = new Listeners(List.of(changes::add), List.of(errorListener), List.of(), List.of(), counters);
        final ClientLoop loop = new ClientLoop(clock, "client-loop-test");
        final ConnectionManager manager = new ConnectionManager(options, loop,
            new FrameDecoder(FrameDecoder.newCodec(), new ZstdInflater(1 << 20)), session, listeners, tracker, counters);
        loop.start(manager, listeners);
        return loop;
    }
}
