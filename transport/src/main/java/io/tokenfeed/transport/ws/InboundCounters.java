package io.tokenfeed.transport.ws;

import io.tokenfeed.protocol.MessageType;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages and bytes received on the WebSocket endpoints, by endpoint and kind: the client message types, token data
 * (an ingest {@code token_update} or {@code token_batch}), and messages that could not be decoded. Written by every IO
 * thread (adders: no lock, no allocation once warm), read by the exporter. Also the ingest messages refused whole for
 * want of ring space, on either ingest path.
 */
public final class InboundCounters
{
    /** The subscriber endpoint and the ingest endpoint. */
    public enum Endpoint
    {
        SUBSCRIBER,
        INGEST
    }

    /** What a received message was. */
    public enum Kind
    {
        SUBSCRIPTION,
        ACK,
        RESUME,
        PING,
        TOKEN_DATA,
        INVALID
    }

    private final LongAdder[] messages = adders(Endpoint.values().length * Kind.values().length);
    private final LongAdder[] bytes = adders(Endpoint.values().length);
    private final LongAdder overloadedWebSocket = new LongAdder();
    private final LongAdder overloadedHttp = new LongAdder();

    void received(final Endpoint endpoint, final Kind kind, final int length)
    {
        messages[endpoint.ordinal() * Kind.values().length + kind.ordinal()].increment();
        bytes[endpoint.ordinal()].add(length);
    }

    /** An ingest message refused whole with {@code OVERLOADED}: the ring had no room for it. */
    public void overloaded(final boolean http)
    {
        (http ? overloadedHttp : overloadedWebSocket).increment();
    }

    public long overloaded(final String endpoint)
    {
        return "http".equals(endpoint) ? overloadedHttp.sum() : overloadedWebSocket.sum();
    }

    public long messages(final Endpoint endpoint, final Kind kind)
    {
        return messages[endpoint.ordinal() * Kind.values().length + kind.ordinal()].sum();
    }

    public long bytes(final Endpoint endpoint)
    {
        return bytes[endpoint.ordinal()].sum();
    }

    /** The kind of a decoded subscriber message; token data and server-only types count as invalid there. */
    static Kind kindOf(final MessageType type)
    {
        return switch (type)
        {
            case SUBSCRIPTION -> Kind.SUBSCRIPTION;
            case ACK -> Kind.ACK;
            case RESUME -> Kind.RESUME;
            case PING -> Kind.PING;
            default -> Kind.INVALID;
        };
    }

    private static LongAdder[] adders(final int count)
    {
        final LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++)
        {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
