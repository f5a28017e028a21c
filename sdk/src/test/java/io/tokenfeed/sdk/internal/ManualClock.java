package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientClock;

/** A clock the test moves by hand: timers fire exactly when the test says time has passed. */
final class ManualClock implements ClientClock
{
    private long nowNs = 1_000_000_000L;
    private long epochMs = 1_732_680_000_000L;

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    @Override
    public long epochMillis()
    {
        return epochMs;
    }

    long advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
        epochMs += ms;
        return nowNs;
    }

    long advanceNs(final long ns)
    {
        nowNs += ns;
        return nowNs;
    }
}
