package io.tokenfeed.engine.fanout;

/**
 * What the delivery guarantees cost and how often they act, published by the fan-out stage at every timer tick for
 * metrics and logs on other threads (the stage's own state is never read elsewhere).
 */
public final class DeliveryStats
{
    private volatile long retainedBytes;
    private volatile long retainedCapacityBytes;
    private volatile int detachedSessions;
    private volatile int heldSessions;
    private volatile long conflatedUpdates;
    private volatile long slowConsumers;
    private volatile long resumesReplayed;
    private volatile long resumesUnavailable;
    private volatile long messagesReplayed;
    private volatile long sessionsExpired;
    private volatile long messagesSent;
    private volatile long tokensDelivered;
    private volatile long heartbeatTimeouts;
    private volatile int subscribedTokens;

    /** Bytes of unacknowledged messages kept for resumes, over all sessions. */
    public long retainedBytes()
    {
        return retainedBytes;
    }

    /** Memory the resume buffers hold on to (each grows on demand up to {@code delivery.resume-buffer-bytes}). */
    public long retainedCapacityBytes()
    {
        return retainedCapacityBytes;
    }

    /** Sessions whose socket dropped, waiting for a resume. */
    public int detachedSessions()
    {
        return detachedSessions;
    }

    /** Connections whose socket has a backlog, so their updates wait conflated. */
    public int heldSessions()
    {
        return heldSessions;
    }

    /** Updates replaced by a newer one of the same token before they were sent (held, detached or within a batch). */
    public long conflatedUpdates()
    {
        return conflatedUpdates;
    }

    /** Connections closed with {@code SLOW_CONSUMER} (4001). */
    public long slowConsumers()
    {
        return slowConsumers;
    }

    public long resumesReplayed()
    {
        return resumesReplayed;
    }

    public long resumesUnavailable()
    {
        return resumesUnavailable;
    }

    public long messagesReplayed()
    {
        return messagesReplayed;
    }

    /** Detached sessions freed because their resume window ended (or room was needed). */
    public long sessionsExpired()
    {
        return sessionsExpired;
    }

    /** {@code token_update} and {@code token_batch} messages sent (live and snapshots; replays not counted again). */
    public long messagesSent()
    {
        return messagesSent;
    }

    /** Token states delivered: one per token per connection, however they were batched. */
    public long tokensDelivered()
    {
        return tokensDelivered;
    }

    /** Connections closed because no pong came within two heartbeat intervals. */
    public long heartbeatTimeouts()
    {
        return heartbeatTimeouts;
    }

    /** Distinct tokens with at least one subscriber (attached or detached sessions). */
    public int subscribedTokens()
    {
        return subscribedTokens;
    }

    void subscribedTokens(final int count)
    {
        subscribedTokens = count;
    }

    void traffic(final long sent, final long delivered, final long timeouts)
    {
        messagesSent = sent;
        tokensDelivered = delivered;
        heartbeatTimeouts = timeouts;
    }

    void retained(final long bytes, final long capacityBytes)
    {
        retainedBytes = bytes;
        retainedCapacityBytes = capacityBytes;
    }

    void sessions(final int detached, final int held)
    {
        detachedSessions = detached;
        heldSessions = held;
    }

    void conflatedUpdates(final long count)
    {
        conflatedUpdates = count;
    }

    void slowConsumers(final long count)
    {
        slowConsumers = count;
    }

    void resumes(final long replayed, final long unavailable, final long messages)
    {
        resumesReplayed = replayed;
        resumesUnavailable = unavailable;
        messagesReplayed = messages;
    }

    void sessionsExpired(final long count)
    {
        sessionsExpired = count;
    }
}
