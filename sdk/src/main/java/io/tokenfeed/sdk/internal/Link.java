package io.tokenfeed.sdk.internal;

/**
 * One WebSocket connection as the client thread sees it. Every method returns at once and may be called before the
 * connection has opened; what happens on the wire comes back as {@link Inbound} events carrying {@link #id()}.
 */
public interface Link
{
    /**
     * @return the connection's id, unique within its client
     */
    long id();

    /**
     * Queues one text message; messages go out one after the other, in call order.
     *
     * @param text a complete JSON message
     */
    void send(String text);

    /**
     * Sends a close frame after everything queued, then lets the socket go.
     *
     * @param code the close status
     * @param reason the close reason
     */
    void close(int code, String reason);

    /** Drops the connection at once, without a close frame (as a network failure would); queued sends are lost. */
    void abort();

    /** The client thread has processed one TEXT or BINARY event of this link: reading may go on (flow control). */
    void consumed();

    /**
     * When the connection last showed a sign of life (a message or a ping arrived, on the network's thread), or now if
     * messages are waiting for the client thread: the watchdog must not blame the server for the client's own delay.
     *
     * @return a client clock time in nanoseconds
     */
    long lastActivityNs();
}
