package io.tokenfeed.engine;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.protocol.ErrorCode;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.NanoClock;

/**
 * The edge's way into the engine for control: connection lifecycle, decoded client requests, decode errors and
 * token queries. Thread-safe; never blocks: every method returns false when the ring has no room (the caller answers
 * "overloaded" in its own terms), except {@link #connectionClosed}, which is never lost.
 */
public final class EngineIngress
{
    private static final EventTranslatorOneArg<PipelineEvent, ControlArgs> CONTROL =
        (event, sequence, args) -> args.writeTo(event);

    private final RingBuffer<PipelineEvent> ring;
    private final NanoClock nanoClock;
    private final Queue<Integer> deferredCloses;
    private final AtomicInteger connectionIds = new AtomicInteger();

    EngineIngress(final RingBuffer<PipelineEvent> ring, final NanoClock nanoClock, final Queue<Integer> deferredCloses)
    {
        this.ring = ring;
        this.nanoClock = nanoClock;
        this.deferredCloses = deferredCloses;
    }

    /** A fresh id for a new connection; ids are never reused within a run. */
    public int nextConnectionId()
    {
        return connectionIds.incrementAndGet();
    }

    public boolean connectionOpened(final int connectionId, final ClientChannel channel)
    {
        return publish(EventType.CONNECTION_OPENED, connectionId, -1, channel, null);
    }

    /** Always takes effect: when the ring is full the close is queued and applied at the end of the next batch. */
    public void connectionClosed(final int connectionId)
    {
        if (!publish(EventType.CONNECTION_CLOSED, connectionId, -1, null, null))
        {
            deferredCloses.add(connectionId);
        }
    }

    /**
     * @param request a {@link SubscriptionCommand} or a decoded {@code AckRequest}, {@code PingRequest} or
     *                {@code ResumeRequest}.
     */
    public boolean request(final int connectionId, final long requestSequence, final Object request)
    {
        return publish(EventType.CLIENT_REQUEST, connectionId, requestSequence, request, null);
    }

    public boolean clientError(final int connectionId, final long requestSequence, final ErrorCode code, final String message)
    {
        return publish(EventType.CLIENT_ERROR, connectionId, requestSequence, message, code);
    }

    public boolean query(final TokenQuery query)
    {
        return publish(EventType.TOKEN_QUERY, -1, -1, query, null);
    }

    /**
     * Tells every session that the server shuts down (then closes it with 1001), in its own sequence, after what was
     * already ordered. Runs once, on the shutdown thread: it may wait for ring space, but never past the deadline.
     *
     * @return false when the ring had no room before {@code deadlineNs} (System.nanoTime()).
     */
    public boolean announceShutdown(final long deadlineNs)
    {
        while (!publish(EventType.SHUTDOWN, -1, -1, null, null))
        {
            if (System.nanoTime() >= deadlineNs)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    /** A lost tick (ring full) is harmless: the next one runs the same deadlines. */
    public boolean tick()
    {
        return publish(EventType.TIMER_TICK, -1, -1, null, null);
    }

    // Control is rare next to data, so one small argument object per event is acceptable here; the data path
    // (UpdatePublisher) allocates nothing.
    private boolean publish(
        final EventType type, final int connectionId, final long requestSequence, final Object attachment, final ErrorCode code)
    {
        return ring.tryPublishEvent(CONTROL, new ControlArgs(type, connectionId, requestSequence, attachment, code, nanoClock.nanoTime()));
    }

    private record ControlArgs(EventType type, int connectionId, long requestSequence, Object attachment, ErrorCode code, long nowNs)
    {
        void writeTo(final PipelineEvent event)
        {
            event.resetAsControl(type, connectionId, requestSequence, attachment, nowNs);
            event.errorCode(code);
        }
    }
}
