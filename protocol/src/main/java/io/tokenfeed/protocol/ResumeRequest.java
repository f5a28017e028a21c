package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * Client request {@code resume} (protocol.md §4, §5): the first request on a new connection.
 *
 * @param sequence client sequence, {@code -1} when absent
 * @param connectionId id of the previous connection
 * @param lastSequence last server sequence received on it
 */
public record ResumeRequest(long sequence, String connectionId, long lastSequence) implements Message {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public ResumeRequest {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public MessageType type() {
        return MessageType.RESUME;
    }
}
