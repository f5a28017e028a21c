package io.tokenfeed.protocol;

/**
 * Client message {@code ping}, for clients that cannot send ping frames; answered by {@code heartbeat}.
 *
 * @param sequence client sequence, {@code -1} when absent
 */
public record PingRequest(long sequence) implements Message {
    @Override
    public MessageType type() {
        return MessageType.PING;
    }
}
