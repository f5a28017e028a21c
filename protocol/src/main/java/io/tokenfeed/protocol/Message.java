package io.tokenfeed.protocol;

/**
 * One protocol message: the envelope {@code {"type","sequence","timestamp","data"}} of protocol.md §2 with its
 * typed {@code data}. Implementations are immutable records.
 *
 * <p>Absent optional numbers are represented by {@code -1} (every protocol number is non-negative); absent
 * optional strings and codes by {@code null}; absent lists by an empty list.
 */
public sealed interface Message permits ConnectionMessage, SubscriptionRequest, SubscriptionResponse, TokenUpdateMessage,
        TokenBatchMessage, ErrorMessage, HeartbeatMessage, ResumeRequest, ResumeResponse, AckRequest, PingRequest,
        IngestAckMessage {

    /**
     * @return the envelope {@code type}
     */
    MessageType type();

    /**
     * @return the envelope {@code sequence}: the server's per-session counter on server messages, the client's own
     *     counter on client messages; {@code -1} when absent
     */
    long sequence();
}
