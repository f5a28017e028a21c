package io.tokenfeed.protocol;

import java.util.List;

/**
 * {@code token_batch}: several token updates in one message. {@code data.count} on the wire is always
 * {@code updates.size()}.
 *
 * @param sequence envelope sequence, {@code -1} when absent (publishers may omit it)
 * @param timestamp epoch milliseconds, {@code -1} when absent (publishers may omit it)
 * @param updates the entries, in order (immutable copy)
 */
public record TokenBatchMessage(long sequence, long timestamp, List<TokenData> updates) implements Message {
    /** Copies the list, rejecting null entries: messages cross threads and must not change under them. */
    public TokenBatchMessage {
        updates = List.copyOf(updates);
    }

    @Override
    public MessageType type() {
        return MessageType.TOKEN_BATCH;
    }
}
