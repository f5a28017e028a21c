package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.Message;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.StateChange;
import io.tokenfeed.sdk.StateListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A {@link ConnectionManager} with everything around it faked: the test plays the network (events), the server
 * (messages) and time (a {@link ManualClock}), and reads back the transitions.
 */
final class ManagerHarness
{
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    final ManualClock clock = new ManualClock();
    final FakeConnector connector = new FakeConnector(clock);
    final RecordingSession session = new RecordingSession();
    final List<StateChange> changes = new ArrayList<>();
    final List<ClientError> errors = new ArrayList<>();
    final StateTracker tracker = new StateTracker();
    final ConnectionCounters counters = new ConnectionCounters();
    final ConnectionManager manager;

    ManagerHarness(final int maxRetries, final RandomGenerator random)
    {
        this(maxRetries, random, change -> { });
    }

    /** With one more state listener, after the one that records. */
    ManagerHarness(final int maxRetries, final RandomGenerator random, final StateListener extra)
    {
        final ConnectionOptions options = new ConnectionOptions(URI.create("ws://127.0.0.1:1/api/v1/ws/token-data"), Map.of(),
            CONNECT_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(30), maxRetries, Duration.ofSeconds(15), 16, 1 << 20, clock,
            random, connector, "test");
        final Listeners listeners = new Listeners(List.of(changes::add, extra), List.of(errors::add), List.of(), List.of(), counters);
        manager = new ConnectionManager(options, event -> { }, new FrameDecoder(FrameDecoder.newCodec(), new ZstdInflater(1 << 20)),
            session, listeners, tracker, counters);
    }

    /** Starts, and lets the first attempt open. */
    ManagerHarness started()
    {
        manager.start(clock.nanoTime());
        return this;
    }

    void opened()
    {
        manager.onInbound(Inbound.opened(linkId()), clock.nanoTime());
    }

    void receive(final Message message)
    {
        manager.onInbound(Inbound.message(linkId(), ServerMessages.json(message), false, clock.epochMillis()), clock.nanoTime());
    }

    void greet(final long heartbeatMs)
    {
        opened();
        receive(ServerMessages.greeting("c" + linkId(), heartbeatMs));
    }

    void failAttempt()
    {
        manager.onInbound(Inbound.failed(linkId(), new java.net.ConnectException("Connection refused")), clock.nanoTime());
    }

    void closedByServer(final int code, final String reason)
    {
        manager.onInbound(Inbound.closed(linkId(), code, reason), clock.nanoTime());
    }

    long timer()
    {
        return manager.onTimer(clock.nanoTime());
    }

    long linkId()
    {
        return connector.current().id();
    }

    int attempts()
    {
        return connector.links.size();
    }

    ConnectionState state()
    {
        return tracker.state();
    }

    List<ConnectionState> states()
    {
        final List<ConnectionState> states = new ArrayList<>();
        for (final StateChange change : changes)
        {
            states.add(change.current());
        }
        return states;
    }
}
