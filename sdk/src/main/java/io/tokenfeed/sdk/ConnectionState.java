package io.tokenfeed.sdk;

/**
 * Where a client's connection stands. The only transitions are:
 *
 * <pre>
 *   CONNECTING ──greeting──► CONNECTED ──lost──► RECONNECTING ──greeting──► CONNECTED
 *        │                       │                    │
 *        │ failed                │ do-not-reconnect   │ retries exhausted, or do-not-reconnect
 *        ▼                       ▼                    ▼
 *   RECONNECTING               FAILED               FAILED
 *
 *   any state but FAILED ──close()──► CLOSED
 * </pre>
 *
 * <p>A first connection that fails goes to {@code RECONNECTING} like a lost one (or straight to {@code FAILED} with
 * {@code maxRetries(0)} or {@code UNAUTHORIZED}). {@code FAILED} and {@code CLOSED} are final.
 */
public enum ConnectionState
{
    /** The first connection is being opened; nothing has been greeted yet. */
    CONNECTING,
    /** The server greeted the current connection ({@code connection} {@code connected}): requests and data flow. */
    CONNECTED,
    /** The connection was lost, or an attempt failed: waiting out the backoff, or opening the next attempt. */
    RECONNECTING,
    /** Given up: retries exhausted, or the server said not to reconnect ({@code UNAUTHORIZED}, a session taken over). */
    FAILED,
    /** Closed by the application. */
    CLOSED;

    /**
     * @return true for {@link #FAILED} and {@link #CLOSED}, which the client never leaves
     */
    public boolean isTerminal()
    {
        return this == FAILED || this == CLOSED;
    }
}
