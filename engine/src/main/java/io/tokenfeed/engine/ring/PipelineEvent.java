package io.tokenfeed.engine.ring;

import io.tokenfeed.protocol.DecimalString;
import io.tokenfeed.protocol.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated, mutable slot of the ring. Producers fill it through translators; stage 1 (apply) writes the
 * version and the stale flag, stage 2 (encode) writes the encoded bytes, stage 3 (fan-out) reads it and clears the
 * object slot. Nothing here is allocated after start-up.
 *
 * <p>Decimal fields live in {@link #fields()} at fixed offsets: field {@code i} occupies
 * {@code [i * 64, i * 64 + fieldLength(i))}, ASCII, already validated by the producer.
 */
public final class PipelineEvent
{
    public static final int PRICE = 0;
    public static final int MARKET_CAP = 1;
    public static final int VOLUME_H24 = 2;
    public static final int VOLUME_H1 = 3;
    public static final int VOLUME_M5 = 4;
    public static final int FIELD_COUNT = 5;
    public static final int FIELD_CAPACITY = DecimalString.MAX_LENGTH;
    public static final long ABSENT = -1;

    private final UnsafeBuffer fields;
    private final int[] fieldLengths = new int[FIELD_COUNT];
    private final UnsafeBuffer encoded;

    private EventType type;
    private int tokenId;
    private long version;
    private long updatedAtMs;
    private long enqueuedNs;
    private boolean stale;
    private int encodedLength;

    private int connectionId;
    private long requestSequence;
    private ErrorCode errorCode;
    private Object attachment;

    /**
     * @param fields  this slot's region for the decimal fields, {@code FIELD_COUNT * FIELD_CAPACITY} bytes.
     * @param encoded this slot's region of the encode slab.
     */
    public PipelineEvent(final UnsafeBuffer fields, final UnsafeBuffer encoded)
    {
        this.fields = fields;
        this.encoded = encoded;
    }

    /** Starts a token update; the caller then writes the decimal fields. */
    public void resetAsUpdate(final int tokenId, final long version, final long updatedAtMs, final long enqueuedNs)
    {
        this.type = EventType.TOKEN_UPDATE;
        this.tokenId = tokenId;
        this.version = version;
        this.updatedAtMs = updatedAtMs;
        this.enqueuedNs = enqueuedNs;
        this.stale = false;
        this.encodedLength = 0;
        this.attachment = null;
    }

    /** Attaches the publisher message an update belongs to, so stage 1 can count its duplicates. */
    public void attachment(final Object attachment)
    {
        this.attachment = attachment;
    }

    /** Starts a control event for one connection. */
    public void resetAsControl(
        final EventType type, final int connectionId, final long requestSequence, final Object attachment, final long enqueuedNs)
    {
        this.type = type;
        this.connectionId = connectionId;
        this.requestSequence = requestSequence;
        this.attachment = attachment;
        this.enqueuedNs = enqueuedNs;
        this.errorCode = null;
        this.tokenId = -1;
        this.stale = false;
        this.encodedLength = 0;
    }

    /** Turns a slot that could not be filled into one every stage ignores. */
    public void resetAsNone()
    {
        resetAsControl(EventType.NONE, -1, -1, null, 0);
    }

    public void errorCode(final ErrorCode errorCode)
    {
        this.errorCode = errorCode;
    }

    /** Copies one ASCII decimal field into the slot. The caller has validated it; a longer value would overwrite the next. */
    public void field(final int field, final CharSequence value)
    {
        if (value.length() > FIELD_CAPACITY)
        {
            throw new IllegalArgumentException("decimal field longer than " + FIELD_CAPACITY + " characters");
        }
        fieldLengths[field] = fields.putStringWithoutLengthAscii(field * FIELD_CAPACITY, value);
    }

    /** Gives the producer direct access to write a field in place; it then calls {@link #fieldLength(int, int)}. */
    public MutableDirectBuffer fieldsForWrite()
    {
        return fields;
    }

    public void fieldLength(final int field, final int length)
    {
        fieldLengths[field] = length;
    }

    public DirectBuffer fields()
    {
        return fields;
    }

    public int fieldLength(final int field)
    {
        return fieldLengths[field];
    }

    public EventType type()
    {
        return type;
    }

    public int tokenId()
    {
        return tokenId;
    }

    public long version()
    {
        return version;
    }

    public void version(final long version)
    {
        this.version = version;
    }

    public long updatedAtMs()
    {
        return updatedAtMs;
    }

    public long enqueuedNs()
    {
        return enqueuedNs;
    }

    public boolean stale()
    {
        return stale;
    }

    public void markStale()
    {
        this.stale = true;
    }

    public UnsafeBuffer encodedBuffer()
    {
        return encoded;
    }

    public int encodedLength()
    {
        return encodedLength;
    }

    public void encodedLength(final int encodedLength)
    {
        this.encodedLength = encodedLength;
    }

    public int connectionId()
    {
        return connectionId;
    }

    public long requestSequence()
    {
        return requestSequence;
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }

    public Object attachment()
    {
        return attachment;
    }

    /** Called by the last stage so the ring holds no reference to a finished request. */
    public void clearAttachment()
    {
        this.attachment = null;
    }
}
