package io.tokenfeed.protocol;

/**
 * WebSocket close codes used by the server (protocol.md §7).
 */
public enum CloseCode {
    /** Normal closure. */
    NORMAL(1000),
    /** Server shutdown. */
    GOING_AWAY(1001),
    /** Rate-limit abuse or unauthorized. */
    POLICY_VIOLATION(1008),
    /** Inbound message over the limit. */
    MESSAGE_TOO_BIG(1009),
    /** A server bug. */
    INTERNAL_ERROR(1011),
    /** Connection limit reached. */
    TRY_AGAIN_LATER(1013),
    /** Nothing received for two heartbeat intervals. */
    HEARTBEAT_TIMEOUT(4000),
    /** The client did not keep up. */
    SLOW_CONSUMER(4001);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /**
     * @return the numeric close code sent in the close frame
     */
    public int code() {
        return code;
    }

    /**
     * @param code numeric close code as received
     * @return the matching constant, or null when it is not one of ours
     */
    public static CloseCode fromCode(int code) {
        for (CloseCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
