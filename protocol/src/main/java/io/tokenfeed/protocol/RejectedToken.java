package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * One token of a {@code subscription} request that was not applied.
 *
 * @param token the token exactly as sent
 * @param code why, e.g. {@link ErrorCode#INVALID_TOKEN_ADDRESS} or {@link ErrorCode#SUBSCRIPTION_LIMIT}
 * @param message human readable detail, null when absent
 */
public record RejectedToken(String token, ErrorCode code, String message) {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public RejectedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(code, "code");
    }
}
