package io.tokenfeed.sdk;

import io.tokenfeed.protocol.IngestAckMessage;
import java.util.List;

/**
 * The outcome of one {@code publish} call, once the server has answered every message that carried its updates.
 *
 * <p>{@code acknowledged} counts the updates the server holds now: applied, or duplicates of a version it already had
 * (which is what a resend after a lost ack looks like, protocol.md 12.5). An {@code ingest_ack} tells how many
 * updates of its message were duplicates, not which ones, and the publisher batches the updates of several calls into
 * one message; the raw acks are therefore in {@code acks}, and the duplicates of all calls in {@link PublisherMetrics}.
 *
 * @param acknowledged updates applied or already held by the server
 * @param rejected updates the server refused, by index in the call
 * @param acks the {@code ingest_ack}s of the messages that carried this call's updates (which may have carried other
 *     calls' updates too), in the order they arrived
 */
public record PublishResult(int acknowledged, List<PublishRejection> rejected, List<IngestAckMessage> acks)
{
    /** Copies the lists: the result crosses threads. */
    public PublishResult
    {
        rejected = List.copyOf(rejected);
        acks = List.copyOf(acks);
    }

    /**
     * @return true when no update was rejected
     */
    public boolean allAcknowledged()
    {
        return rejected.isEmpty();
    }
}
