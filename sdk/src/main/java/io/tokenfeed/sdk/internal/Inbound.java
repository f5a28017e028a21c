package io.tokenfeed.sdk.internal;

/**
 * What a connection's WebSocket listener hands to the client thread: one object per event, the payload of a message
 * included, and nothing decoded yet (decoding is the client thread's job, with its one reusable codec).
 */
public final class Inbound
{
    /** What happened. */
    public enum Kind
    {
        /** The WebSocket opened (the upgrade succeeded). */
        OPENED,
        /** One whole text message. */
        TEXT,
        /** One whole binary message (zstd-compressed JSON). */
        BINARY,
        /** A ping frame: a sign of life (the JDK answers it by itself). */
        PING,
        /** The server's close frame. */
        CLOSED,
        /** The attempt or the connection failed (no close frame). */
        FAILED
    }

    private final Kind kind;
    private final long linkId;
    private final byte[] payload;
    private final long receivedAtMs;
    private final int closeCode;
    private final String reason;
    private final Throwable error;

    private Inbound(final Kind kind, final long linkId, final byte[] payload, final long receivedAtMs, final int closeCode,
        final String reason, final Throwable error)
    {
        this.kind = kind;
        this.linkId = linkId;
        this.payload = payload;
        this.receivedAtMs = receivedAtMs;
        this.closeCode = closeCode;
        this.reason = reason;
        this.error = error;
    }

    static Inbound opened(final long linkId)
    {
        return new Inbound(Kind.OPENED, linkId, null, 0, 0, null, null);
    }

    /**
     * @param linkId the connection's id
     * @param payload the message's bytes (UTF-8 for text)
     * @param binary true for a binary message
     * @param receivedAtMs when its last frame arrived, epoch ms
     * @return the event
     */
    public static Inbound message(final long linkId, final byte[] payload, final boolean binary, final long receivedAtMs)
    {
        return new Inbound(binary ? Kind.BINARY : Kind.TEXT, linkId, payload, receivedAtMs, 0, null, null);
    }

    static Inbound ping(final long linkId)
    {
        return new Inbound(Kind.PING, linkId, null, 0, 0, null, null);
    }

    /**
     * @param linkId the connection's id
     * @param closeCode the close frame's status code
     * @param reason the close frame's reason
     * @return the event
     */
    public static Inbound closed(final long linkId, final int closeCode, final String reason)
    {
        return new Inbound(Kind.CLOSED, linkId, null, 0, closeCode, reason, null);
    }

    /**
     * @param linkId the connection's id
     * @param error why it failed
     * @return the event
     */
    public static Inbound failed(final long linkId, final Throwable error)
    {
        return new Inbound(Kind.FAILED, linkId, null, 0, 0, null, error);
    }

    /** @return what happened */
    public Kind kind()
    {
        return kind;
    }

    /** @return the connection it happened on */
    public long linkId()
    {
        return linkId;
    }

    /** @return the message bytes of TEXT and BINARY, else null */
    public byte[] payload()
    {
        return payload;
    }

    /** @return epoch ms at which a message's last frame arrived */
    public long receivedAtMs()
    {
        return receivedAtMs;
    }

    /** @return the status code of CLOSED */
    public int closeCode()
    {
        return closeCode;
    }

    /** @return the reason of CLOSED */
    public String reason()
    {
        return reason;
    }

    /** @return the cause of FAILED */
    public Throwable error()
    {
        return error;
    }
}
