package io.tokenfeed.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Server response {@code resume} (protocol.md §3).
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param status {@code success} or {@code error}
 * @param connectionId the previous connection id, null when absent
 * @param requestSequence the request's {@code sequence}, {@code -1} when it had none
 * @param replayed number of replayed messages that follow, {@code -1} when absent
 * @param subscriptions tokens restored on this connection (immutable copy, null means empty)
 * @param code {@link ErrorCode#RESUME_UNAVAILABLE} on error, null on success
 */
public record ResumeResponse(long sequence, long timestamp, String status, String connectionId, long requestSequence,
                             int replayed, List<String> subscriptions, ErrorCode code) implements Message {
    /** {@code status} when the session was resumed. */
    public static final String STATUS_SUCCESS = "success";
    /** {@code status} when it could not be (snapshots follow instead). */
    public static final String STATUS_ERROR = "error";

    /** Fails fast on null required fields and copies the lists: messages are built on one thread, encoded on another. */
    public ResumeResponse {
        Objects.requireNonNull(status, "status");
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    @Override
    public MessageType type() {
        return MessageType.RESUME;
    }
}
