package io.tokenfeed.engine;

import io.tokenfeed.protocol.CloseCode;
import org.agrona.DirectBuffer;

/**
 * The transport's side of one connection, as the engine sees it: the narrow interface through which prepared frames
 * leave the engine. The engine never sees a socket type.
 *
 * <p>Called only from the fan-out thread. Implementations copy the bytes before returning and never block.
 */
public interface ClientChannel
{
    /**
     * Queues one complete text message.
     *
     * @return false when the channel can no longer send (closed, failed); the transport reports the close separately.
     */
    boolean sendText(DirectBuffer buffer, int offset, int length);

    /**
     * Bytes handed to {@link #sendText} that the socket has not accepted yet: the connection's backlog in the transport.
     * Read by the fan-out thread to hold back data from a connection that cannot keep up (conflation).
     */
    long unsentBytes();

    /**
     * Messages handed to {@link #sendText} that the socket has not fully accepted yet. Implementations must count bytes
     * exactly for at least {@code Backpressure}'s message window (256) of them.
     */
    long unsentMessages();

    /** Messages the socket has fully accepted since the connection opened: progress, for slow-consumer detection. */
    long writtenMessages();

    /** True when the session outlives its socket for a resume (subscribers); publishers' sessions end with it. */
    boolean resumable();

    /** Sends a WebSocket ping frame (heartbeat); the peer's pong, like anything it sends, counts as a sign of life. */
    void sendPing();

    /** Epoch ms when anything (message, pong, ping) last arrived from the peer; read from the fan-out thread. */
    long lastReceivedMs();

    /** Closes the connection with a WebSocket close code after any queued messages. */
    void close(CloseCode code, String reason);

    /** The session id given to the client in the {@code connection} message (a UUID). */
    String connectionId();

    /** For logs only. */
    String remoteAddress();
}
