package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * {@code connection}: first message of every connection, and the notice before a graceful close
 * (protocol.md §3). Only {@code status} is required: a refusal ({@code error}) or a {@code disconnected} notice
 * may carry fewer fields.
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param status {@code connected}, {@code disconnected} or {@code error}
 * @param connectionId session id (UUID v4), null when absent
 * @param maxSubscriptions {@code limits.max-subscriptions}, {@code -1} when absent
 * @param heartbeatIntervalMs {@code connection.heartbeat-interval-ms}, {@code -1} when absent
 * @param maxMessageBytes {@code limits.max-message-bytes}, {@code -1} when absent
 * @param resumeWindowMs {@code connection.resume-window-ms}, {@code -1} when absent
 * @param serverVersion server version, null when absent
 * @param reason why the server disconnects (e.g. {@code server_shutdown}), null when absent
 */
public record ConnectionMessage(long sequence, long timestamp, String status, String connectionId, int maxSubscriptions,
                                long heartbeatIntervalMs, long maxMessageBytes, long resumeWindowMs, String serverVersion,
                                String reason) implements Message {
    /** {@code status} on open. */
    public static final String STATUS_CONNECTED = "connected";
    /** {@code status} before a graceful close. */
    public static final String STATUS_DISCONNECTED = "disconnected";
    /** {@code status} when the connection is refused. */
    public static final String STATUS_ERROR = "error";

    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public ConnectionMessage {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public MessageType type() {
        return MessageType.CONNECTION;
    }
}
