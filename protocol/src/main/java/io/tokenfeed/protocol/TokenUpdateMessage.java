package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * {@code token_update}: one token's state, from the server to subscribers or from a publisher to the server.
 *
 * @param sequence envelope sequence, {@code -1} when absent (publishers may omit it)
 * @param timestamp epoch milliseconds, {@code -1} when absent (publishers may omit it)
 * @param data the token state
 */
public record TokenUpdateMessage(long sequence, long timestamp, TokenData data) implements Message {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public TokenUpdateMessage {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public MessageType type() {
        return MessageType.TOKEN_UPDATE;
    }
}
