package io.tokenfeed.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.tokenfeed.engine.ring.StageBlockingWaitStrategy;
import java.util.Locale;

/**
 * How ring consumers wait ({@code engine.wait-strategy}). {@code blocking} is the default because it is the only one
 * that is safe on a small shared machine: spinning consumers starve producers when threads outnumber cores. It is
 * {@link StageBlockingWaitStrategy}, which also blocks between stages (the Disruptor's own blocking strategy spins
 * there).
 */
public enum WaitStrategyKind
{
    BLOCKING,
    SLEEPING,
    YIELDING,
    BUSY_SPIN;

    public WaitStrategy create()
    {
        switch (this)
        {
            case SLEEPING:
                return new SleepingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case BLOCKING:
            default:
                return new StageBlockingWaitStrategy();
        }
    }

    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the kind for a configuration value, or null when none matches. */
    public static WaitStrategyKind fromConfigName(final String value)
    {
        for (final WaitStrategyKind kind : values())
        {
            if (kind.configName().equals(value))
            {
                return kind;
            }
        }
        return null;
    }
}
