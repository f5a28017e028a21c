package io.tokenfeed.protocol;

/**
 * {@code heartbeat}: sent when the server has sent nothing for a heartbeat interval, and in answer to
 * {@code ping}. Its sequence lets a client detect a lost tail.
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param requestSequence the {@code sequence} of the {@code ping} this answers, {@code -1} when absent (idle
 *     heartbeats, or a ping without sequence); an optional extension of the contract's empty {@code data}
 */
public record HeartbeatMessage(long sequence, long timestamp, long requestSequence) implements Message {
    /** An idle heartbeat, answering no request. */
    public HeartbeatMessage(long sequence, long timestamp) {
        this(sequence, timestamp, -1);
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
