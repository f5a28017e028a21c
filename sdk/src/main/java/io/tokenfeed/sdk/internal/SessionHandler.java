package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.sdk.ConnectionState;

/**
 * What a client does on top of its connection (subscribing and resuming, or publishing). The
 * {@link ConnectionManager} calls it on the client thread only, so it needs no locks.
 */
public interface SessionHandler
{
    /**
     * The server greeted a new connection: send what the session needs first (a resume, subscriptions, resends).
     *
     * @param greeting the {@code connection} message
     * @param link the connection, to send on until {@link #onDisconnected}
     * @param nowNs the client clock
     */
    void onConnected(ConnectionMessage greeting, Link link, long nowNs);

    /**
     * One server message after the greeting, in sequence order, duplicates already dropped. {@code connection} notices
     * and fatal errors are the manager's and never come here.
     *
     * @param message the message
     * @param receivedAtMs when its last frame arrived, epoch ms
     * @param nowNs the client clock
     */
    void onMessage(Message message, long receivedAtMs, long nowNs);

    /**
     * The connection's sequence jumped from {@code expected} to {@code received}: messages were lost in between. Called
     * before the message that revealed it is passed to {@link #onMessage}.
     *
     * @param connectionId the connection
     * @param expected the sequence that should have come
     * @param received the sequence that came
     * @param nowNs the client clock
     * @return true to go on with this connection; false to drop it and reconnect
     */
    boolean onGap(String connectionId, long expected, long received, long nowNs);

    /**
     * The greeted connection is gone, whatever the reason; nothing more can be sent on it.
     *
     * @param nowNs the client clock
     */
    void onDisconnected(long nowNs);

    /**
     * Runs the session's timers.
     *
     * @param nowNs the client clock
     * @return nanoseconds until the session next needs this call, {@link Long#MAX_VALUE} when it has no timer armed
     */
    long onTimer(long nowNs);

    /**
     * The client reached {@link ConnectionState#FAILED} or {@link ConnectionState#CLOSED}: release everything, fail
     * what is still waiting.
     *
     * @param state the final state
     * @param reason why
     */
    void onTerminated(ConnectionState state, String reason);
}
