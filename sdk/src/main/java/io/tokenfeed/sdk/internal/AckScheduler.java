package io.tokenfeed.sdk.internal;

/**
 * When to send a cumulative {@code ack} (protocol.md 6.2): after {@code everyMessages} processed messages or
 * {@code intervalNs} after the previous ack, whichever comes first, but never more often than every
 * {@link #MIN_SPACING_NS}. Acks count against the subscriber's message rate ({@code limits.client-messages-per-second},
 * 20 by default), and go through the same {@link SendPacer} as subscription requests, which take precedence.
 */
final class AckScheduler
{
    /** Ten acks a second at most. */
    static final long MIN_SPACING_NS = 100_000_000L;

    private final int everyMessages;
    private final long intervalNs;
    private long lastAcked;
    private long lastProcessed;
    private int unacked;
    private long lastAckNs;

    AckScheduler(final int everyMessages, final long intervalNs)
    {
        this.everyMessages = everyMessages;
        this.intervalNs = intervalNs;
    }

    /** A new connection: its sequence starts again. */
    void reset(final long nowNs)
    {
        lastAcked = 0;
        lastProcessed = 0;
        unacked = 0;
        lastAckNs = nowNs;
    }

    void processed(final long sequence)
    {
        if (sequence > lastProcessed)
        {
            lastProcessed = sequence;
            unacked++;
        }
    }

    /**
     * @return the sequence to acknowledge now, or -1 when no ack is due
     */
    long due(final long nowNs)
    {
        if (unacked == 0 || nowNs - lastAckNs < MIN_SPACING_NS)
        {
            return -1;
        }
        return unacked >= everyMessages || nowNs - lastAckNs >= intervalNs ? lastProcessed : -1;
    }

    /** The rate limit dropped a message, perhaps the last ack: the next one goes out even if nothing new arrives. */
    void mayHaveBeenDropped()
    {
        if (lastProcessed > 0 && unacked == 0)
        {
            unacked = 1;
        }
    }

    void sent(final long sequence, final long nowNs)
    {
        lastAcked = sequence;
        unacked = 0;
        lastAckNs = nowNs;
    }

    /**
     * @return nanoseconds until an ack may become due, {@link Long#MAX_VALUE} when nothing waits for one
     */
    long delayNs(final long nowNs)
    {
        if (unacked == 0)
        {
            return Long.MAX_VALUE;
        }
        final long spacingNs = unacked >= everyMessages ? MIN_SPACING_NS : Math.max(MIN_SPACING_NS, intervalNs);
        return Math.max(0, lastAckNs + spacingNs - nowNs);
    }

    /** @return the last sequence acknowledged on this connection */
    long lastAcked()
    {
        return lastAcked;
    }
}
