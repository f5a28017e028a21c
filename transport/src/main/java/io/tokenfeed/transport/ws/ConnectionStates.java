package io.tokenfeed.transport.ws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where every WebSocket connection is in its life, counted over both endpoints: {@code connecting} (upgrade request
 * received, not yet admitted), {@code open}, {@code closing} (the server has started the close) and, as totals,
 * {@code refused} and {@code closed} by reason: the server's close reason, {@code client_close} when the peer closed,
 * {@code abrupt} when the connection just ended (reset, lost network). Updated by IO threads and the fan-out stage;
 * read by tests and, later, the metrics exporter.
 */
public final class ConnectionStates
{
    public static final String CLIENT_CLOSE = "client_close";
    public static final String ABRUPT = "abrupt";

    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger closing = new AtomicInteger();
    private final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> closed = new ConcurrentHashMap<>();

    /** An upgrade request arrived (the handshake handler). */
    public void upgradeRequested()
    {
        connecting.incrementAndGet();
    }

    /** That request's exchange ended, upgraded or not. */
    public void upgradeEnded()
    {
        connecting.decrementAndGet();
    }

    void refused(final String reason)
    {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void opened()
    {
        open.incrementAndGet();
    }

    void startedClosing()
    {
        closing.incrementAndGet();
    }

    void closed(final boolean wasClosing, final String reason)
    {
        if (wasClosing)
        {
            closing.decrementAndGet();
        }
        open.decrementAndGet();
        closed.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public int connecting()
    {
        return connecting.get();
    }

    public int open()
    {
        return open.get();
    }

    public int closing()
    {
        return closing.get();
    }

    /** Closed connections since start, by reason. */
    public Map<String, Long> closedByReason()
    {
        return snapshot(closed);
    }

    /** Refused connections since start, by reason. */
    public Map<String, Long> refusedByReason()
    {
        return snapshot(refused);
    }

    private static Map<String, Long> snapshot(final ConcurrentHashMap<String, LongAdder> counters)
    {
        final Map<String, Long> copy = new TreeMap<>();
        counters.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
