package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * One update of an ingest message that was not accepted.
 *
 * @param index position of the update in the message (0 for a {@code token_update})
 * @param address the update's address as sent, null when it had none
 * @param code why, e.g. {@link ErrorCode#INVALID_DECIMAL}
 * @param message human readable detail, null when absent
 */
public record RejectedUpdate(int index, String address, ErrorCode code, String message) {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public RejectedUpdate {
        Objects.requireNonNull(code, "code");
    }
}
