package io.tokenfeed.protocol;

/**
 * The {@code type} of a message envelope (protocol.md §2–§4).
 */
public enum MessageType {
    /** Server: first message of a connection, or notice before a graceful close. */
    CONNECTION("connection"),
    /** Client: subscribe/unsubscribe request; server: its response. */
    SUBSCRIPTION("subscription"),
    /** One token's state (server to subscriber, or publisher to server). */
    TOKEN_UPDATE("token_update"),
    /** Several token updates in one message. */
    TOKEN_BATCH("token_batch"),
    /** Server: an error, see {@link ErrorCode}. */
    ERROR("error"),
    /** Server: sent when idle for a heartbeat interval, and in answer to {@link #PING}. */
    HEARTBEAT("heartbeat"),
    /** Client: resume a previous session; server: its response. */
    RESUME("resume"),
    /** Server, publisher endpoint: answer to each ingest message. */
    INGEST_ACK("ingest_ack"),
    /** Client: cumulative acknowledgement of server messages. */
    ACK("ack"),
    /** Client: application-level ping. */
    PING("ping");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the value of {@code type} on the wire
     */
    public String wireName() {
        return wireName;
    }

    /**
     * @return true for the types a client may send (to the subscriber or the publisher endpoint)
     */
    public boolean sentByClients() {
        return switch (this) {
            case SUBSCRIPTION, TOKEN_UPDATE, TOKEN_BATCH, ACK, RESUME, PING -> true;
            case CONNECTION, ERROR, HEARTBEAT, INGEST_ACK -> false;
        };
    }

    /**
     * @param wireName value of {@code type} as read from the wire, may be null
     * @return the type, or null when unknown (unknown types are expected input, not a bug)
     */
    public static MessageType fromWireName(String wireName) {
        if (wireName == null) {
            return null;
        }
        return switch (wireName) {
            case "connection" -> CONNECTION;
            case "subscription" -> SUBSCRIPTION;
            case "token_update" -> TOKEN_UPDATE;
            case "token_batch" -> TOKEN_BATCH;
            case "error" -> ERROR;
            case "heartbeat" -> HEARTBEAT;
            case "resume" -> RESUME;
            case "ingest_ack" -> INGEST_ACK;
            case "ack" -> ACK;
            case "ping" -> PING;
            default -> null;
        };
    }
}
