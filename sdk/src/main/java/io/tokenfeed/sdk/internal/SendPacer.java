package io.tokenfeed.sdk.internal;

/**
 * Paces every message a subscriber sends (resume, subscription requests, acks) with a token bucket of its own, so that
 * the client never trips the server's rate limit by itself (protocol.md 10.2: {@code limits.client-messages-per-second},
 * 20 by default, as a bucket of one second's worth; a sustained excess ends in {@code RATE_LIMIT_ABUSE}).
 *
 * <p>The bucket holds {@link #BURST} messages and refills at {@link #MESSAGES_PER_SECOND} a second: half the server's
 * default in both, so the client stays within the server's budget with room to spare for network jitter bunching
 * its messages. A {@code RATE_LIMITED} warning means the server's budget is smaller than that: the bucket is emptied,
 * nothing goes out until the server's {@code retryAfterMs} has passed, and the rate is halved for the rest of the
 * connection (at most once per warning burst, down to one message a second). A new connection starts afresh, as the
 * server's own budget does.
 *
 * <p>Credit is kept in nanoseconds of refill time, so the arithmetic is exact integer arithmetic on the client clock.
 */
final class SendPacer
{
    /** Messages a second; the server's default limit is 20. */
    static final int MESSAGES_PER_SECOND = 10;
    /** Messages that may go out at once; the server's default burst is 20. */
    static final int BURST = 10;

    private static final long SECOND_NS = 1_000_000_000L;
    private static final long BASE_COST_NS = SECOND_NS / MESSAGES_PER_SECOND;

    private long costNs = BASE_COST_NS;
    private long creditNs = BURST * BASE_COST_NS;
    private long lastNs;
    private boolean holding;
    private long holdUntilNs;

    /** A new connection: a full bucket at the base rate. */
    void reset(final long nowNs)
    {
        costNs = BASE_COST_NS;
        creditNs = BURST * costNs;
        lastNs = nowNs;
        holding = false;
    }

    /**
     * @return true, and the message is counted, when one may go out now
     */
    boolean tryAcquire(final long nowNs)
    {
        if (delayNs(nowNs) > 0)
        {
            return false;
        }
        creditNs -= costNs;
        return true;
    }

    /**
     * @return nanoseconds until a message may go out, 0 when one may now
     */
    long delayNs(final long nowNs)
    {
        refill(nowNs);
        final long holdNs = holding ? holdUntilNs - nowNs : 0;
        if (holdNs <= 0)
        {
            holding = false;
        }
        return Math.max(Math.max(holdNs, 0), costNs - creditNs);
    }

    /**
     * The server dropped a message of ours.
     *
     * @param retryAfterNs the server's {@code retryAfterMs}, in nanoseconds
     */
    void rateLimited(final long nowNs, final long retryAfterNs)
    {
        refill(nowNs);
        final boolean held = holding && holdUntilNs - nowNs > 0;
        if (!held)
        {
            // The warnings of one burst arrive together: they are one signal, not one halving each.
            costNs = Math.min(SECOND_NS, costNs * 2);
        }
        creditNs = 0;
        if (!held || nowNs + retryAfterNs - holdUntilNs > 0)
        {
            holdUntilNs = nowNs + retryAfterNs;
        }
        holding = true;
    }

    private void refill(final long nowNs)
    {
        final long elapsedNs = nowNs - lastNs;
        if (elapsedNs > 0)
        {
            creditNs = Math.min(BURST * costNs, creditNs + elapsedNs);
            lastNs = nowNs;
        }
    }
}
