package io.tokenfeed.transport.ws;

/**
 * One connection's budget of {@code limits.client-messages-per-second}, as a token bucket holding one second's worth
 * (a burst of that many messages is fine, a sustained excess is not), kept as a theoretical arrival time so it needs
 * no refill timer. Used only by the connection's IO thread.
 */
final class MessageRateLimiter
{
    private final long intervalNs;
    private final long burstNs;
    private final int strikesAllowed;
    private long theoreticalArrivalNs;
    private int strikes;

    MessageRateLimiter(final int messagesPerSecond, final int strikesAllowed, final long nowNs)
    {
        this.theoreticalArrivalNs = nowNs;
        this.intervalNs = 1_000_000_000L / messagesPerSecond;
        this.burstNs = intervalNs * messagesPerSecond;
        this.strikesAllowed = strikesAllowed;
    }

    /** @return true when the message fits the budget; false when it must be dropped (a strike). */
    boolean tryAcquire(final long nowNs)
    {
        if (theoreticalArrivalNs - nowNs <= 0)
        {
            // The bucket is full again: whatever was dropped before was an episode, not a flood; forgive it.
            strikes = 0;
            theoreticalArrivalNs = nowNs;
        }
        if (theoreticalArrivalNs + intervalNs - nowNs > burstNs)
        {
            strikes++;
            return false;
        }
        theoreticalArrivalNs += intervalNs;
        return true;
    }

    /** True once the connection has had {@code limits.rate-limit-strikes} drops without its bucket refilling in between. */
    boolean abusive()
    {
        return strikes >= strikesAllowed;
    }
}
