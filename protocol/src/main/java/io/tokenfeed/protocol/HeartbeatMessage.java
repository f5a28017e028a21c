package io.tokenfeed.protocol;

/**
 * {@code heartbeat}: sent when the server has sent nothing for a heartbeat interval, and in answer to
 * {@code ping}. Its sequence lets a client detect a lost tail.
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 */
public record HeartbeatMessage(long sequence, long timestamp) implements Message {
    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
