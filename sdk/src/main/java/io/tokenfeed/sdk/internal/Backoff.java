package io.tokenfeed.sdk.internal;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential with full jitter (protocol.md 4.4). Attempt {@code n} (from 0) waits a uniformly random
 * time in {@code [0, min(cap, base * 2^n))}; a server's {@code retryAfterMs} is a floor on top. Full jitter spreads a
 * crowd of clients dropped at once (a server restart) over the whole window instead of bunching them at its edges.
 */
public final class Backoff
{
    private final long baseNs;
    private final long capNs;
    private final RandomGenerator random;

    /**
     * @param baseNs the window of the first attempt, positive
     * @param capNs the largest window, at least {@code baseNs}
     * @param random the jitter source (injected, so that tests can pin it)
     */
    public Backoff(final long baseNs, final long capNs, final RandomGenerator random)
    {
        if (baseNs <= 0 || capNs < baseNs)
        {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + baseNs + " ns, cap " + capNs + " ns");
        }
        this.baseNs = baseNs;
        this.capNs = capNs;
        this.random = random;
    }

    /**
     * @param attempt consecutive failures before this attempt, minus one (0 for the first retry)
     * @return the upper bound (exclusive) of the delay before that attempt
     */
    public long windowNs(final int attempt)
    {
        // base * 2^attempt, without overflowing: past the cap the doubling stops.
        long window = baseNs;
        for (int i = 0; i < attempt && window < capNs; i++)
        {
            window = window > capNs / 2 ? capNs : window * 2;
        }
        return Math.min(window, capNs);
    }

    /**
     * @param attempt as for {@link #windowNs(int)}
     * @param minimumNs the server's {@code retryAfterMs} in nanoseconds, 0 when none
     * @return the delay before that attempt
     */
    public long delayNs(final int attempt, final long minimumNs)
    {
        final long jittered = random.nextLong(windowNs(attempt));
        return Math.max(jittered, minimumNs);
    }
}
