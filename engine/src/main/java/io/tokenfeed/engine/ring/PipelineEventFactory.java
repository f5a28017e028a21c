package io.tokenfeed.engine.ring;

import com.lmax.disruptor.EventFactory;
import io.tokenfeed.engine.encode.TokenDataEncoder;
import java.nio.ByteBuffer;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Creates the ring's events over one off-heap slab: each slot owns a fixed region for its decimal fields and its
 * encoded token data, so neither producers nor the encode stage ever allocate.
 *
 * <pre>
 * slot i: [ fields: FIELD_COUNT * FIELD_CAPACITY ][ encoded: TokenDataEncoder.MAX_ENCODED_LENGTH ]
 * </pre>
 */
public final class PipelineEventFactory implements EventFactory<PipelineEvent>
{
    private static final int FIELDS_BYTES = PipelineEvent.FIELD_COUNT * PipelineEvent.FIELD_CAPACITY;
    private static final int SLOT_BYTES = BitUtil.align(FIELDS_BYTES + TokenDataEncoder.MAX_ENCODED_LENGTH, 64);

    private final ByteBuffer slab;
    private final int slots;
    private int next;

    public PipelineEventFactory(final int ringSize)
    {
        if (!BitUtil.isPowerOfTwo(ringSize))
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        this.slots = ringSize;
        this.slab = ByteBuffer.allocateDirect(ringSize * SLOT_BYTES);
    }

    /** Off-heap bytes held by the ring's slab. */
    public static long slabBytes(final int ringSize)
    {
        return (long)ringSize * SLOT_BYTES;
    }

    @Override
    public PipelineEvent newInstance()
    {
        if (next >= slots)
        {
            throw new IllegalStateException("factory asked for more than " + slots + " events");
        }
        final int base = next++ * SLOT_BYTES;
        final UnsafeBuffer fields = new UnsafeBuffer(slab, base, FIELDS_BYTES);
        final UnsafeBuffer encoded = new UnsafeBuffer(slab, base + FIELDS_BYTES, TokenDataEncoder.MAX_ENCODED_LENGTH);
        return new PipelineEvent(fields, encoded);
    }
}
