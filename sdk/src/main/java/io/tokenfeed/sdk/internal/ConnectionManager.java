package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.StateChange;
import java.util.function.Consumer;

/**
 * A client's connection state machine ({@link ConnectionState}): opens connections, waits for the greeting within the
 * connect timeout, checks every message's {@code sequence}, watches for silence, and after a loss reconnects with
 * {@link Backoff} until {@code maxRetries} or a do-not-reconnect answer. What the connection is for is the
 * {@link SessionHandler}'s business.
 *
 * <p>Called by the client thread only. Events of a connection that has been given up (an older {@link Link#id()}) are
 * ignored, so a late close or message of a dropped connection can never disturb the current one.
 */
public final class ConnectionManager
{
    /** Close reason of the server when another connection took the session over (protocol.md 9.3). */
    private static final String SESSION_RESUMED = "session_resumed";
    private static final int POLICY_VIOLATION = 1008;
    private static final int NORMAL_CLOSURE = 1000;
    private static final long NS_PER_MS = 1_000_000L;
    private static final System.Logger LOG = System.getLogger("io.tokenfeed.sdk");

    private final ConnectionOptions options;
    private final ConnectSpec spec;
    private final Consumer<Inbound> inbox;
    private final FrameDecoder decoder;
    private final SessionHandler session;
    private final Listeners listeners;
    private final StateTracker tracker;
    private final ConnectionCounters counters;
    private final Backoff backoff;

    private ConnectionState state;
    private long linkId;
    private Link link;
    private boolean greeted;
    private String connectionId;
    private long expectedSequence;
    private long lastHeardNs;
    private long heartbeatIntervalNs;
    private boolean connectPending;
    private long connectDeadlineNs;
    private boolean reconnectPending;
    private long reconnectAtNs;
    private int failures;
    private long retryAfterNs;
    private String doNotReconnect;
    private boolean sizeWarned;

    /**
     * @param options connection settings
     * @param inbox the client thread's inbox, where connections post their events
     * @param decoder reads server messages
     * @param session what the connection is for
     * @param listeners the application's listeners
     * @param tracker publishes the state to other threads
     * @param counters counts messages, duplicates and reconnects
     */
    public ConnectionManager(final ConnectionOptions options, final Consumer<Inbound> inbox, final FrameDecoder decoder,
        final SessionHandler session, final Listeners listeners, final StateTracker tracker, final ConnectionCounters counters)
    {
        this.options = options;
        this.spec = options.connectSpec();
        this.inbox = inbox;
        this.decoder = decoder;
        this.session = session;
        this.listeners = listeners;
        this.tracker = tracker;
        this.counters = counters;
        this.backoff = new Backoff(options.backoffBase().toNanos(), options.backoffCap().toNanos(), options.random());
    }

    /**
     * Enters {@link ConnectionState#CONNECTING} and opens the first connection.
     *
     * @param nowNs the client clock
     */
    public void start(final long nowNs)
    {
        enter(ConnectionState.CONNECTING, "starting");
        openLink(nowNs);
    }

    /**
     * @return true once a final state is being entered; readable from any thread
     */
    public boolean isEnding()
    {
        return tracker.isEnding();
    }

    /**
     * @return true once {@link ConnectionState#FAILED} or {@link ConnectionState#CLOSED}
     */
    public boolean isTerminal()
    {
        return state != null && state.isTerminal();
    }

    /**
     * @return the id of the current (or last greeted) connection, null before the first greeting
     */
    public String connectionId()
    {
        return connectionId;
    }

    /**
     * @param event something that happened on a connection
     * @param nowNs the client clock
     */
    public void onInbound(final Inbound event, final long nowNs)
    {
        final Link current = link;
        if (current == null || event.linkId() != linkId || isTerminal())
        {
            return;
        }
        switch (event.kind())
        {
            case OPENED, PING -> lastHeardNs = nowNs;
            case TEXT, BINARY ->
            {
                lastHeardNs = nowNs;
                try
                {
                    onPayload(event, nowNs);
                }
                finally
                {
                    current.consumed();
                }
            }
            case CLOSED -> onClosed(event.closeCode(), event.reason(), nowNs);
            case FAILED -> lost(nowNs, "connection failed: " + describe(event.error()));
            default -> throw new IllegalStateException("unknown event " + event.kind());
        }
    }

    /**
     * Runs the timers: connect timeout, reconnect backoff, the silence watchdog, and the session's.
     *
     * @param nowNs the client clock
     * @return nanoseconds until the next timer, {@link Long#MAX_VALUE} when none is armed
     */
    public long onTimer(final long nowNs)
    {
        if (isTerminal())
        {
            return Long.MAX_VALUE;
        }
        if (connectPending && nowNs - connectDeadlineNs >= 0)
        {
            lost(nowNs, "no greeting within the connect timeout of " + options.connectTimeout().toMillis() + " ms");
        }
        if (reconnectPending && nowNs - reconnectAtNs >= 0)
        {
            openLink(nowNs);
        }
        if (greeted && nowNs - silenceDeadlineNs() >= 0 && link.lastActivityNs() - lastHeardNs > 0)
        {
            // Arrived but not processed yet (the client thread was busy): alive after all.
            lastHeardNs = link.lastActivityNs();
        }
        if (greeted && nowNs - silenceDeadlineNs() >= 0)
        {
            lost(nowNs, "heard nothing from the server for " + 2 * heartbeatIntervalNs / NS_PER_MS + " ms (2 heartbeat intervals)");
        }
        if (isTerminal())
        {
            return Long.MAX_VALUE;
        }
        long nextNs = session.onTimer(nowNs);
        if (connectPending)
        {
            nextNs = Math.min(nextNs, Math.max(0, connectDeadlineNs - nowNs));
        }
        if (reconnectPending)
        {
            nextNs = Math.min(nextNs, Math.max(0, reconnectAtNs - nowNs));
        }
        if (greeted)
        {
            nextNs = Math.min(nextNs, Math.max(0, silenceDeadlineNs() - nowNs));
        }
        return nextNs;
    }

    /**
     * The application closes the client: a close frame goes out after what is queued, and the state becomes
     * {@link ConnectionState#CLOSED}.
     *
     * @param reason why, for the state listeners
     */
    public void close(final String reason)
    {
        if (isTerminal())
        {
            return;
        }
        if (link != null)
        {
            // The link lets the socket go a while after the close frame, whether or not the frame could be sent.
            link.close(NORMAL_CLOSURE, "client closing");
        }
        discardLink();
        reconnectPending = false;
        terminate(ConnectionState.CLOSED, reason);
    }

    /**
     * The client thread is ending without the application having closed the client (a bug, an interrupt): enters
     * {@link ConnectionState#FAILED} unless a final state was reached already.
     *
     * @param reason why
     */
    public void abandon(final String reason)
    {
        if (!isTerminal())
        {
            fail(reason);
        }
    }

    private void onPayload(final Inbound event, final long nowNs)
    {
        counters.messageReceived();
        final DecodeResult result = decoder.decode(event.payload(), event.kind() == Inbound.Kind.BINARY);
        if (!result.isSuccess())
        {
            // An unknown message type is expected from a newer server (protocol.md 3): skip it, but keep counting its
            // sequence when it could be read, so that only a real loss looks like a gap.
            listeners.error(ClientError.local("unreadable server message: " + result.errorMessage(), null));
            if (result.requestSequence() > 0)
            {
                checkSequence(result.requestSequence(), nowNs);
            }
            return;
        }
        final Message message = result.message();
        if (checkSequence(message.sequence(), nowNs))
        {
            dispatch(message, event.receivedAtMs(), nowNs);
        }
    }

    /** @return true to process the message; false for a duplicate, or when its gap cost the connection */
    private boolean checkSequence(final long sequence, final long nowNs)
    {
        if (sequence < 0)
        {
            return true;
        }
        if (sequence < expectedSequence)
        {
            counters.duplicate();
            return false;
        }
        final long expected = expectedSequence;
        expectedSequence = sequence + 1;
        if (sequence == expected)
        {
            return true;
        }
        if (!greeted)
        {
            lost(nowNs, "the server's greeting was lost (first sequence " + sequence + ")");
            return false;
        }
        if (!session.onGap(connectionId, expected, sequence, nowNs))
        {
            lost(nowNs, "sequence gap: expected " + expected + ", received " + sequence);
            return false;
        }
        return link != null;
    }

    private void dispatch(final Message message, final long receivedAtMs, final long nowNs)
    {
        if (message instanceof ConnectionMessage connection)
        {
            onConnectionMessage(connection, nowNs);
        }
        else if (message instanceof ErrorMessage error && error.level() == ErrorLevel.FATAL)
        {
            onFatal(error, nowNs);
        }
        else if (greeted)
        {
            session.onMessage(message, receivedAtMs, nowNs);
        }
    }

    private void onConnectionMessage(final ConnectionMessage message, final long nowNs)
    {
        switch (message.status())
        {
            case ConnectionMessage.STATUS_CONNECTED -> onGreeting(message, nowNs);
            case ConnectionMessage.STATUS_DISCONNECTED ->
            {
                // server_shutdown: the close follows and we reconnect; session_resumed: another connection has our
                // session, reconnecting would only take it back from it (protocol.md 9.3).
                if (SESSION_RESUMED.equals(message.reason()))
                {
                    doNotReconnect = "the session was resumed on another connection";
                }
            }
            default ->
            {
                // status error: a refusal; its fatal error, which says whether to come back, follows.
            }
        }
    }

    private void onGreeting(final ConnectionMessage greeting, final long nowNs)
    {
        if (greeted)
        {
            return;
        }
        greeted = true;
        connectPending = false;
        connectionId = greeting.connectionId();
        heartbeatIntervalNs = greeting.heartbeatIntervalMs() > 0
            ? greeting.heartbeatIntervalMs() * NS_PER_MS : options.heartbeatInterval().toNanos();
        failures = 0;
        retryAfterNs = 0;
        warnIfServerMessagesMayBeTooLarge(greeting);
        final boolean again = state == ConnectionState.RECONNECTING;
        if (again)
        {
            counters.reconnected();
        }
        session.onConnected(greeting, link, nowNs);
        enter(ConnectionState.CONNECTED, (again ? "reconnected as " : "connected as ") + connectionId);
    }

    private void onFatal(final ErrorMessage error, final long nowNs)
    {
        listeners.error(ClientError.fromServer(error));
        if (error.code().doNotReconnect())
        {
            doNotReconnect = error.code() + ": " + error.message();
        }
        if (error.retryAfterMs() > 0)
        {
            retryAfterNs = Math.max(retryAfterNs, error.retryAfterMs() * NS_PER_MS);
        }
        lost(nowNs, "fatal " + error.code() + ": " + error.message());
    }

    private void onClosed(final int code, final String reason, final long nowNs)
    {
        // The notice or the fatal error before the close normally says it already; the close alone must too, since the
        // message before it may be what was lost.
        if (code == POLICY_VIOLATION && "unauthorized".equals(reason))
        {
            doNotReconnect = "refused: unauthorized";
        }
        else if (code == NORMAL_CLOSURE && reason != null && reason.startsWith("session resumed"))
        {
            doNotReconnect = "the session was resumed on another connection";
        }
        lost(nowNs, "closed by the server: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
    }

    /** The connection is gone or given up (it failed, closed, or is no longer trustworthy): reconnect, or fail. */
    private void lost(final long nowNs, final String reason)
    {
        if (isTerminal())
        {
            return;
        }
        final boolean wasGreeted = greeted;
        if (link != null)
        {
            // Whatever ended it (a close frame, a failure, our own decision), the socket is released now.
            link.abort();
        }
        discardLink();
        if (wasGreeted)
        {
            session.onDisconnected(nowNs);
        }
        if (doNotReconnect != null)
        {
            fail(doNotReconnect + " (" + reason + ")");
            return;
        }
        failures++;
        if (options.maxRetries() >= 0 && failures > options.maxRetries())
        {
            fail("gave up after " + options.maxRetries() + " retries: " + reason);
            return;
        }
        reconnectAtNs = nowNs + backoff.delayNs(failures - 1, retryAfterNs);
        reconnectPending = true;
        retryAfterNs = 0;
        enter(ConnectionState.RECONNECTING, reason);
    }

    private void fail(final String reason)
    {
        if (link != null)
        {
            link.abort();
        }
        discardLink();
        reconnectPending = false;
        terminate(ConnectionState.FAILED, reason);
    }

    /** The session hears of the end even if a listener's error escapes the transition. */
    private void terminate(final ConnectionState last, final String reason)
    {
        try
        {
            enter(last, reason);
        }
        finally
        {
            session.onTerminated(last, reason);
        }
    }

    private void openLink(final long nowNs)
    {
        reconnectPending = false;
        linkId++;
        greeted = false;
        expectedSequence = 1;
        connectPending = true;
        connectDeadlineNs = nowNs + options.connectTimeout().toNanos();
        lastHeardNs = nowNs;
        try
        {
            link = options.connector().connect(linkId, spec, inbox);
        }
        catch (final IllegalArgumentException ex)
        {
            // Refused before any network activity (a header or URI the HTTP client will never accept): every attempt
            // would be refused the same way, so retrying forever would only hide it.
            link = null;
            fail("cannot connect: " + describe(ex));
        }
    }

    /** The server may send what this client refuses, and each such message would cost the connection (protocol.md 5.1). */
    private void warnIfServerMessagesMayBeTooLarge(final ConnectionMessage greeting)
    {
        if (sizeWarned || greeting.maxMessageBytes() <= options.maxMessageBytes())
        {
            return;
        }
        sizeWarned = true;
        final String warning = "the server sends messages of up to " + greeting.maxMessageBytes() + " bytes, more than this client's "
            + "maxMessageBytes of " + options.maxMessageBytes() + ": a message that large would drop the connection; raise maxMessageBytes";
        LOG.log(System.Logger.Level.WARNING, warning);
        listeners.error(ClientError.local(warning, null));
    }

    private void discardLink()
    {
        link = null;
        greeted = false;
        connectPending = false;
    }

    private long silenceDeadlineNs()
    {
        return lastHeardNs + 2 * heartbeatIntervalNs;
    }

    private void enter(final ConnectionState next, final String reason)
    {
        if (next == state)
        {
            return;
        }
        if (next.isTerminal())
        {
            tracker.ending();
        }
        final StateChange change = new StateChange(state, next, reason);
        state = next;
        try
        {
            listeners.state(change);
        }
        finally
        {
            tracker.publish(next);
        }
    }

    private static String describe(final Throwable error)
    {
        if (error == null)
        {
            return "unknown";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
