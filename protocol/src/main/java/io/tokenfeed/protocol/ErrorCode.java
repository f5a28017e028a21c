package io.tokenfeed.protocol;

/**
 * Error codes of protocol.md §7. {@link #name()} is the wire name.
 */
public enum ErrorCode {
    /** Not JSON, not an object, or a missing or ill-typed field. */
    INVALID_MESSAGE(ErrorLevel.ERROR, null, false),
    /** A {@code type} the receiver does not know. */
    UNKNOWN_MESSAGE_TYPE(ErrorLevel.ERROR, null, false),
    /** A token address that is neither EVM nor Solana; reported per token in {@code rejected}. */
    INVALID_TOKEN_ADDRESS(ErrorLevel.ERROR, null, false),
    /** A price or amount that is not a decimal string; reported per update in {@code rejected}. */
    INVALID_DECIMAL(ErrorLevel.ERROR, null, false),
    /** Over {@code limits.max-subscriptions}; reported per token in {@code rejected}. */
    SUBSCRIPTION_LIMIT(ErrorLevel.ERROR, null, false),
    /** An ingest batch over 1000 updates. */
    BATCH_TOO_LARGE(ErrorLevel.ERROR, null, false),
    /** Client over {@code limits.client-messages-per-second}; its message was dropped. */
    RATE_LIMITED(ErrorLevel.WARNING, null, true),
    /** Still flooding after {@code limits.rate-limit-strikes} drops. */
    RATE_LIMIT_ABUSE(ErrorLevel.FATAL, CloseCode.POLICY_VIOLATION, false),
    /** Inbound message (after inflation) over {@code limits.max-message-bytes}. */
    MESSAGE_TOO_LARGE(ErrorLevel.FATAL, CloseCode.MESSAGE_TOO_BIG, false),
    /** Instance at {@code limits.max-connections} or the per-IP limit. */
    CONNECTION_LIMIT(ErrorLevel.FATAL, CloseCode.TRY_AGAIN_LATER, true),
    /** Missing or wrong API key where one is required; the client must not reconnect until its key changes. */
    UNAUTHORIZED(ErrorLevel.FATAL, CloseCode.POLICY_VIOLATION, false),
    /** In a {@code resume} response: session unknown, expired, or range no longer retained. */
    RESUME_UNAVAILABLE(ErrorLevel.WARNING, null, false),
    /** Backlog over budget for too long (protocol.md §5). */
    SLOW_CONSUMER(ErrorLevel.FATAL, CloseCode.SLOW_CONSUMER, true),
    /**
     * Nothing received for two heartbeat intervals. Never sent as a message (the peer is gone); it names the 4000
     * close and the metric.
     */
    HEARTBEAT_TIMEOUT(ErrorLevel.FATAL, CloseCode.HEARTBEAT_TIMEOUT, false),
    /** Ingest refused because the pipeline is full. */
    OVERLOADED(ErrorLevel.ERROR, null, true),
    /** A bug; never leaks stack traces. Level {@code error} by default; when sent as fatal the close code is 1011. */
    INTERNAL_ERROR(ErrorLevel.ERROR, CloseCode.INTERNAL_ERROR, false);

    // values() clones the array on every call; decoding looks codes up per rejected entry.
    private static final ErrorCode[] VALUES = values();

    private final ErrorLevel defaultLevel;
    private final CloseCode closeCode;
    private final boolean retryAfter;

    ErrorCode(ErrorLevel defaultLevel, CloseCode closeCode, boolean retryAfter) {
        this.defaultLevel = defaultLevel;
        this.closeCode = closeCode;
        this.retryAfter = retryAfter;
    }

    /**
     * @return the level this code is sent with unless the sender has a reason to differ
     */
    public ErrorLevel defaultLevel() {
        return defaultLevel;
    }

    /**
     * The close code that follows this error when it is sent at level {@link ErrorLevel#FATAL}.
     * Whether the connection closes is decided by the level, not by this value.
     *
     * @return the close code, or null when this code never closes the connection
     */
    public CloseCode closeCode() {
        return closeCode;
    }

    /**
     * @return true only for codes after which a client must not reconnect until its credentials change
     */
    public boolean doNotReconnect() {
        return this == UNAUTHORIZED;
    }

    /**
     * @return true when protocol.md says the error carries {@code retryAfterMs}
     */
    public boolean hasRetryAfter() {
        return retryAfter;
    }

    /**
     * @param wireName code as read from the wire, may be null
     * @return the code, or null when unknown
     */
    public static ErrorCode fromWireName(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (ErrorCode code : VALUES) {
            if (code.name().equals(wireName)) {
                return code;
            }
        }
        return null;
    }
}
