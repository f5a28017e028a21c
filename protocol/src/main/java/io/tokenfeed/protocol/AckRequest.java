package io.tokenfeed.protocol;

/**
 * Client message {@code ack}: cumulative acknowledgement of every server message up to {@code ackSequence}.
 * Wire form: {@code {"type":"ack","sequence":s,"data":{"sequence":n}}}.
 *
 * @param sequence client sequence, {@code -1} when absent
 * @param ackSequence highest server sequence processed ({@code data.sequence})
 */
public record AckRequest(long sequence, long ackSequence) implements Message {
    @Override
    public MessageType type() {
        return MessageType.ACK;
    }
}
