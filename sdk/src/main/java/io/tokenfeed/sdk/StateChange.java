package io.tokenfeed.sdk;

/**
 * One transition of a client's {@link ConnectionState}.
 *
 * @param previous the state left; null for the first transition, into {@link ConnectionState#CONNECTING}
 * @param current the state entered
 * @param reason why, in words for logs (for example {@code "closed by the server: 1001 server shutdown"})
 */
public record StateChange(ConnectionState previous, ConnectionState current, String reason)
{
}
