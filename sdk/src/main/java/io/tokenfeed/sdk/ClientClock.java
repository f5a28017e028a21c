package io.tokenfeed.sdk;

/**
 * The time source of a client. Every timer (backoff, connect timeout, watchdog, acks, linger) reads
 * {@link #nanoTime()}; receive latency reads {@link #epochMillis()}. Tests inject their own to drive the timers by hand.
 */
public interface ClientClock
{
    /**
     * @return a monotonic time in nanoseconds, for deadlines (only differences mean anything)
     */
    long nanoTime();

    /**
     * @return wall-clock time in epoch milliseconds, compared with the server's message {@code timestamp}
     */
    long epochMillis();

    /**
     * @return the clock of the running JVM: {@link System#nanoTime()} and {@link System#currentTimeMillis()}
     */
    static ClientClock system()
    {
        return SystemClock.INSTANCE;
    }
}
