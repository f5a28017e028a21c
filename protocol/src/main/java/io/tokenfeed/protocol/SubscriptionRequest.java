package io.tokenfeed.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Client request {@code subscription} (protocol.md §4). The decoder checks JSON types only: each token is
 * validated and canonicalised by the server, which reports bad ones in {@link SubscriptionResponse#rejected()}.
 *
 * @param sequence client sequence, {@code -1} when absent
 * @param action subscribe or unsubscribe
 * @param tokens token addresses exactly as sent (immutable copy)
 */
public record SubscriptionRequest(long sequence, SubscriptionAction action, List<String> tokens) implements Message {
    /** Fails fast on null required fields and copies the lists: messages are built on one thread, encoded on another. */
    public SubscriptionRequest {
        Objects.requireNonNull(action, "action");
        tokens = List.copyOf(tokens);
    }

    @Override
    public MessageType type() {
        return MessageType.SUBSCRIPTION;
    }
}
