package io.tokenfeed.sdk;

/**
 * Messages were lost between the server and this client: the connection's {@code sequence} jumped. The client has
 * already asked for fresh snapshots of every subscribed token, which follow.
 *
 * @param connectionId the connection on which it happened
 * @param expectedSequence the sequence that should have come next
 * @param receivedSequence the sequence that came instead
 */
public record Gap(String connectionId, long expectedSequence, long receivedSequence)
{
    /**
     * @return how many messages were lost
     */
    public long missed()
    {
        return receivedSequence - expectedSequence;
    }
}
