package io.tokenfeed.transport.ws;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code limits.max-connections} and {@code limits.max-connections-per-ip} over every WebSocket endpoint, exact under
 * concurrent opens and closes: a slot is taken with an increment that is undone when it overshoots, and freed by the
 * connection's close task. Per-address counters are removed when they reach zero, so nothing grows with the number
 * of addresses ever seen.
 */
public final class ConnectionLimiter
{
    /** Why a connection was refused. */
    public enum Refusal
    {
        INSTANCE_FULL,
        ADDRESS_FULL
    }

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(final int maxConnections, final int maxPerAddress)
    {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** @return null when a slot was taken (release it on close), else why not. */
    public Refusal tryAcquire(final InetAddress address)
    {
        if (open.incrementAndGet() > maxConnections)
        {
            open.decrementAndGet();
            return Refusal.INSTANCE_FULL;
        }
        final AtomicInteger[] counter = new AtomicInteger[1];
        perAddress.compute(address, (a, count) ->
        {
            final AtomicInteger c = count == null ? new AtomicInteger() : count;
            counter[0] = c;
            c.incrementAndGet();
            return c;
        });
        if (counter[0].get() > maxPerAddress)
        {
            release(address);
            return Refusal.ADDRESS_FULL;
        }
        return null;
    }

    public void release(final InetAddress address)
    {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
        open.decrementAndGet();
    }

    /** Connections holding a slot now. */
    public int open()
    {
        return open.get();
    }

    /** Distinct addresses holding a slot now. */
    public int addresses()
    {
        return perAddress.size();
    }
}
