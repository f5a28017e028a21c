package io.tokenfeed.sdk.internal;

import java.util.random.RandomGenerator;

/** Jitter pinned to a fraction of the window, so that backoff delays are known in advance. */
final class FixedRandom implements RandomGenerator
{
    private final double fraction;

    /** @param fraction 0 for no wait at all, close to 1 for the whole window */
    FixedRandom(final double fraction)
    {
        this.fraction = fraction;
    }

    static FixedRandom highest()
    {
        return new FixedRandom(1.0);
    }

    @Override
    public long nextLong()
    {
        return 0;
    }

    @Override
    public long nextLong(final long bound)
    {
        return Math.min(bound - 1, (long)(bound * fraction));
    }
}
