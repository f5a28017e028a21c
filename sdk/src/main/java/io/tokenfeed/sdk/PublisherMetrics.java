package io.tokenfeed.sdk;

/**
 * A publisher's counters since it was built; readable from any thread, written by the client's thread only.
 */
public interface PublisherMetrics
{
    /**
     * @return updates handed to {@code publish}
     */
    long updatesPublished();

    /**
     * @return updates the server acknowledged: applied, or duplicates of a version it already had
     */
    long updatesAcknowledged();

    /**
     * @return of the acknowledged updates, how many the server counted as duplicates
     */
    long duplicates();

    /**
     * @return updates the server rejected (listed in an {@code ingest_ack}'s {@code rejected}, or in a message it refused)
     */
    long updatesRejected();

    /**
     * @return updates sent again: after a reconnect, an {@code OVERLOADED} answer or an {@code INTERNAL_ERROR}
     */
    long updatesResent();

    /**
     * @return messages ({@code token_update} or {@code token_batch}) sent, resends included
     */
    long messagesSent();

    /**
     * @return messages the server refused with {@code OVERLOADED}
     */
    long overloaded();

    /**
     * @return connections re-established after a loss
     */
    long reconnects();

    /**
     * @return errors reported to the error listeners
     */
    long errors();
}
