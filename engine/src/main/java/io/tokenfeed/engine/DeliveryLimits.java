package io.tokenfeed.engine;

/**
 * The bounds of the delivery guarantees (protocol.md section 5): what a session may keep for a resume and how far a
 * connection may fall behind before it is closed as a slow consumer.
 *
 * @param resumeBufferBytes     bytes of unacknowledged messages kept per session for replay
 *                              ({@code delivery.resume-buffer-bytes}); 0 keeps none.
 * @param maxPendingBytes       backlog above which a connection starts to count as slow ({@code delivery.max-pending-bytes}).
 * @param slowConsumerTimeoutMs how long a backlog may stay too large, or the socket accept nothing, before the close.
 * @param maxDetachedSessions   sessions kept for a resume after their socket dropped; beyond, the oldest is freed early.
 */
public record DeliveryLimits(int resumeBufferBytes, int maxPendingBytes, long slowConsumerTimeoutMs, int maxDetachedSessions)
{

    public DeliveryLimits
    {
        if (resumeBufferBytes < 0 || maxPendingBytes < 1 || slowConsumerTimeoutMs < 1 || maxDetachedSessions < 0)
        {
            throw new IllegalArgumentException("delivery limits out of range: " + resumeBufferBytes + ", " + maxPendingBytes + ", "
                + slowConsumerTimeoutMs + ", " + maxDetachedSessions);
        }
    }

    /** Defaults of protocol.md section 8; detached sessions bounded like connections ({@code limits.max-connections}). */
    public static DeliveryLimits defaults()
    {
        return new DeliveryLimits(262_144, 4_194_304, 10_000, 1000);
    }
}
