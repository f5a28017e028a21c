package io.tokenfeed.engine;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.protocol.TokenData;
import java.util.List;
import org.agrona.concurrent.NanoClock;

/**
 * The data path into the ring, shared by every source. Thread-safe and non-blocking: a source that finds the ring
 * without room gets {@code false} (for ingest: {@code OVERLOADED}) instead of waiting.
 *
 * <p>Data never takes the last {@link #controlReserve()} slots of the ring, so connection events, requests and closes
 * still get through while sources saturate it.
 */
public final class UpdatePublisher
{
    private final RingBuffer<PipelineEvent> ring;
    private final NanoClock nanoClock;
    private final int controlReserve;
    private final Object claimLock = new Object();

    UpdatePublisher(final RingBuffer<PipelineEvent> ring, final NanoClock nanoClock)
    {
        this.ring = ring;
        this.nanoClock = nanoClock;
        this.controlReserve = ring.getBufferSize() / 8;
    }

    /**
     * Publishes one update written by a static translator (the simulator's way: no allocation). The translator must
     * call {@link PipelineEvent#resetAsUpdate} and write all five decimal fields.
     */
    public <A> boolean tryPublish(final EventTranslatorOneArg<PipelineEvent, A> translator, final A arg)
    {
        synchronized (claimLock)
        {
            return hasRoomFor(1) && ring.tryPublishEvent(translator, arg);
        }
    }

    /** As {@link #tryPublish(EventTranslatorOneArg, Object)}, for translators that need a second argument. */
    public <A, B> boolean tryPublish(final EventTranslatorTwoArg<PipelineEvent, A, B> translator, final A arg0, final B arg1)
    {
        synchronized (claimLock)
        {
            return hasRoomFor(1) && ring.tryPublishEvent(translator, arg0, arg1);
        }
    }

    /**
     * Publishes one update whose fields the caller has validated (address interned to {@code tokenId}, decimals valid).
     * Absent {@code version} (-1) is assigned by the apply stage; absent {@code updatedAt} becomes {@code receivedAtMs}.
     * An update that cannot be written (a caller bug) throws after its slot is published as a no-op.
     */
    public boolean tryPublish(final int tokenId, final TokenData data, final long receivedAtMs)
    {
        final long sequence = claim(1);
        if (sequence < 0)
        {
            return false;
        }
        try
        {
            write(ring.get(sequence), tokenId, data, receivedAtMs);
        }
        catch (final RuntimeException ex)
        {
            ring.get(sequence).resetAsNone();
            throw ex;
        }
        finally
        {
            // A claimed slot must always be published, or every consumer would wait for it forever.
            ring.publish(sequence);
        }
        return true;
    }

    /**
     * Publishes all updates or none, as one contiguous range of the ring (so they also reach the fan-out stage
     * together). {@code tokenIds[i]} belongs to {@code updates.get(i)}.
     */
    public boolean tryPublishAll(final int[] tokenIds, final List<TokenData> updates, final long receivedAtMs)
    {
        return updates.isEmpty() || publishRange(tokenIds, updates, null, receivedAtMs);
    }

    /**
     * Publishes a publisher message's valid updates and, right behind them in the same claimed range, the event that
     * makes the fan-out stage send its ack: all or nothing. False means the ring had no room: nothing of the message
     * was applied ({@code OVERLOADED}).
     */
    public boolean tryPublishIngest(final IngestBatch batch, final long receivedAtMs)
    {
        return publishRange(batch.tokenIds(), batch.updates(), batch, receivedAtMs);
    }

    /** One contiguous claimed range: the updates, plus the ack marker when {@code batch} is not null. */
    private boolean publishRange(final int[] tokenIds, final List<TokenData> updates, final IngestBatch batch, final long receivedAtMs)
    {
        final int n = updates.size();
        final int slots = batch == null ? n : n + 1;
        final long hi = claim(slots);
        if (hi < 0)
        {
            return false;
        }
        final long lo = hi - slots + 1;
        try
        {
            for (int i = 0; i < n; i++)
            {
                final PipelineEvent event = ring.get(lo + i);
                write(event, tokenIds[i], updates.get(i), receivedAtMs);
                event.attachment(batch);
            }
            if (batch != null)
            {
                ring.get(hi).resetAsControl(EventType.INGEST_DONE, batch.connectionId(), batch.requestSequence(), batch,
                    nanoClock.nanoTime());
            }
        }
        catch (final RuntimeException ex)
        {
            for (long s = lo; s <= hi; s++)
            {
                ring.get(s).resetAsNone();
            }
            throw ex;
        }
        finally
        {
            ring.publish(lo, hi);
        }
        return true;
    }

    public int controlReserve()
    {
        return controlReserve;
    }

    /**
     * Checks the control reserve and claims in one step: without the lock, producers on several threads could all
     * pass the check and together eat into the reserve. Only the claim is serialised, never the writing of slots.
     *
     * @return the highest claimed sequence, or -1 when there is no room.
     */
    private long claim(final int n)
    {
        synchronized (claimLock)
        {
            if (!hasRoomFor(n))
            {
                return -1;
            }
            try
            {
                return ring.tryNext(n);
            }
            catch (final InsufficientCapacityException ex)
            {
                return -1;
            }
        }
    }

    private boolean hasRoomFor(final int n)
    {
        return ring.remainingCapacity() - n >= controlReserve;
    }

    private void write(final PipelineEvent event, final int tokenId, final TokenData data, final long receivedAtMs)
    {
        final long updatedAt = data.updatedAt() < 0 ? receivedAtMs : data.updatedAt();
        event.resetAsUpdate(tokenId, data.version() < 0 ? PipelineEvent.ABSENT : data.version(), updatedAt, nanoClock.nanoTime());
        event.field(PipelineEvent.PRICE, data.price());
        event.field(PipelineEvent.MARKET_CAP, data.marketCap());
        event.field(PipelineEvent.VOLUME_H24, data.volume().h24());
        event.field(PipelineEvent.VOLUME_H1, data.volume().h1());
        event.field(PipelineEvent.VOLUME_M5, data.volume().m5());
    }
}
