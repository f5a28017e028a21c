package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.engine.DeliveryLimits;
import java.util.Arrays;

/**
 * Keeps one slow socket from costing anything but its own freshness (protocol.md section 5). A session whose socket
 * has more than {@link #WRITE_WINDOW_BYTES} (or {@link #WRITE_WINDOW_MESSAGES}) not yet accepted gets no new data
 * message: its updates stay pending as token ids, conflated (latest wins), and go out as one batch once the socket
 * drains, still with contiguous sequences.
 * Responses are never held back. The fan-out stage therefore never waits on a socket, and the transport's queue for
 * one connection stays near the window. Fan-out thread only.
 */
final class Backpressure
{
    /** Enough for many batches in flight on a healthy connection; small next to {@code delivery.max-pending-bytes}. */
    static final int WRITE_WINDOW_BYTES = 64 * 1024;
    /** Many small messages are a backlog too; the transport counts bytes exactly up to at least this many. */
    static final int WRITE_WINDOW_MESSAGES = 256;

    private final long writeWindowBytes;
    private final long maxPendingBytes;
    private final long slowConsumerTimeoutMs;
    private Session[] held = new Session[16];
    private int heldCount;

    Backpressure(final DeliveryLimits limits)
    {
        this.writeWindowBytes = Math.min(WRITE_WINDOW_BYTES, limits.maxPendingBytes());
        this.maxPendingBytes = limits.maxPendingBytes();
        this.slowConsumerTimeoutMs = limits.slowConsumerTimeoutMs();
    }

    /** @return true when the session may be flushed now; otherwise it is held until its socket drains. */
    boolean mayFlush(final Session session)
    {
        if (withinWindow(session.channel()))
        {
            return true;
        }
        if (!session.held())
        {
            session.held(true);
            if (heldCount == held.length)
            {
                held = Arrays.copyOf(held, heldCount * 2);
            }
            held[heldCount++] = session;
        }
        return false;
    }

    /** Flushes the held sessions whose socket drained (or that were flushed meanwhile, or ended); keeps the others. */
    void releaseDrained(final DeliveryWriter deliveries, final long nowMs)
    {
        int kept = 0;
        for (int i = 0; i < heldCount; i++)
        {
            final Session session = held[i];
            held[i] = null;
            if (session.closed() || session.pending().isEmpty())
            {
                session.held(false);
            }
            else if (withinWindow(session.channel()))
            {
                session.held(false);
                deliveries.flush(session, nowMs);
            }
            else
            {
                held[kept++] = session;
            }
        }
        heldCount = kept;
    }

    private boolean withinWindow(final ClientChannel channel)
    {
        return channel.unsentBytes() <= writeWindowBytes && channel.unsentMessages() <= WRITE_WINDOW_MESSAGES;
    }

    int heldCount()
    {
        return heldCount;
    }

    /**
     * A slow consumer: for the timeout, its backlog (unsent bytes plus what it has pending) stayed above
     * {@code delivery.max-pending-bytes}, or its socket accepted nothing while data was unsent.
     *
     * @return the backlog in bytes when the session is a slow consumer, otherwise -1.
     */
    long slowConsumerBacklog(final Session session, final TokenStateStore store, final long nowMs)
    {
        final ClientChannel channel = session.channel();
        final long unsent = channel.unsentBytes();
        final long stalledSince = session.writeProgressMs(channel.writtenMessages(), unsent, nowMs);
        final long backlog = unsent + (session.held() ? pendingBytes(session, store) : 0);
        final long withinBudgetSince = session.withinBudgetMs(backlog <= maxPendingBytes, nowMs);
        final boolean slow = nowMs - stalledSince >= slowConsumerTimeoutMs || nowMs - withinBudgetSince >= slowConsumerTimeoutMs;
        return slow ? backlog : -1;
    }

    private static long pendingBytes(final Session session, final TokenStateStore store)
    {
        long bytes = 0;
        for (int i = 0, size = session.pending().size(); i < size; i++)
        {
            bytes += store.length(session.pending().getInt(i));
        }
        return bytes;
    }
}
