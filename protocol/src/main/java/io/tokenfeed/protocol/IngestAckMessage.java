package io.tokenfeed.protocol;

import java.util.List;

/**
 * {@code ingest_ack}: the publisher endpoint's answer to each ingest message (protocol.md §3).
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param requestSequence the ingest message's {@code sequence}, {@code -1} when it had none
 * @param accepted updates now in the pipeline
 * @param duplicates updates whose version was not newer than the token's current one
 * @param rejected updates refused (immutable copy, null means empty; not written when empty)
 */
public record IngestAckMessage(long sequence, long timestamp, long requestSequence, int accepted, int duplicates,
                               List<RejectedUpdate> rejected) implements Message {
    /** Copies the list, rejecting null entries: messages cross threads and must not change under them. */
    public IngestAckMessage {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    @Override
    public MessageType type() {
        return MessageType.INGEST_ACK;
    }
}
