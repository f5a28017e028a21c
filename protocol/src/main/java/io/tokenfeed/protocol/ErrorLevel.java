package io.tokenfeed.protocol;

/**
 * Severity of an {@code error} message (protocol.md §3): only {@link #FATAL} closes the connection.
 */
public enum ErrorLevel {
    /** The server closes the connection right after the message. */
    FATAL("fatal"),
    /** The request failed; the connection stays. */
    ERROR("error"),
    /** Degraded or partially applied; the connection stays. */
    WARNING("warning");

    private final String wireName;

    ErrorLevel(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the value of {@code data.level} on the wire
     */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName value read from the wire, may be null
     * @return the level, or null when unknown
     */
    public static ErrorLevel fromWireName(String wireName) {
        if (wireName == null) {
            return null;
        }
        return switch (wireName) {
            case "fatal" -> FATAL;
            case "error" -> ERROR;
            case "warning" -> WARNING;
            default -> null;
        };
    }
}
