package io.tokenfeed.transport.ws;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code limits.max-connections} and {@code limits.max-connections-per-ip} over every WebSocket endpoint, exact under
 * concurrent opens and closes: the instance slot is taken with a compare-and-set that never overshoots, the address
 * slot is checked and taken atomically inside the map's compute, and both are freed by the connection's close task.
 * Per-address counters are removed when they reach zero, so nothing grows with the number of addresses ever seen.
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
        int current;
        do
        {
            current = open.get();
            if (current >= maxConnections)
            {
                return Refusal.INSTANCE_FULL;
            }
        }
        while (!open.compareAndSet(current, current + 1));
        final boolean[] admitted = new boolean[1];
        perAddress.compute(address, (a, count) ->
        {
            final AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < maxPerAddress)
            {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        if (!admitted[0])
        {
            open.decrementAndGet();
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
