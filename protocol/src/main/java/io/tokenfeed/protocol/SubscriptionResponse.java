package io.tokenfeed.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Server response {@code subscription} to every subscribe/unsubscribe request (protocol.md §3).
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param action the requested action
 * @param tokens canonical tokens the action was applied to (immutable copy, null means empty)
 * @param status {@code success} or {@code error}
 * @param requestSequence the request's {@code sequence}, {@code -1} when it had none
 * @param subscriptionCount subscriptions of the connection after the request, {@code -1} when absent
 * @param rejected tokens not applied (immutable copy, null means empty; not written when empty)
 */
public record SubscriptionResponse(long sequence, long timestamp, SubscriptionAction action, List<String> tokens,
                                   String status, long requestSequence, int subscriptionCount,
                                   List<RejectedToken> rejected) implements Message {
    /** {@code status} when at least one token was applied or the request was a no-op. */
    public static final String STATUS_SUCCESS = "success";
    /** {@code status} when every token was rejected or the request was invalid. */
    public static final String STATUS_ERROR = "error";

    /** Fails fast on null required fields and copies the lists: messages are built on one thread, encoded on another. */
    public SubscriptionResponse {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    @Override
    public MessageType type() {
        return MessageType.SUBSCRIPTION;
    }
}
