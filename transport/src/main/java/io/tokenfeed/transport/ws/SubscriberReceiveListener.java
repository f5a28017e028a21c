package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.PingRequest;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.undertow.websockets.core.WebSocketChannel;

/**
 * Reads one subscriber connection on its IO thread: decodes each message, resolves token addresses at the edge and
 * publishes the request (or the decode error) on the ring. It never answers by itself: every response is numbered by
 * the fan-out stage. It never blocks: when the ring has no room even for control, the connection is closed with 1013.
 */
final class SubscriberReceiveListener extends EngineReceiveListener
{
    /** One codec per IO thread: decoding is not thread-safe and IO threads are few and fixed. */
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(
        () -> new JsonCodec(JsonCodec.DEFAULT_MAX_TOKENS_PER_REQUEST, JsonCodec.DEFAULT_MAX_BATCH_UPDATES, DecodeMode.FROM_CLIENT));

    private final TokenRegistry tokens;
    private final InboundCounters inbound;

    SubscriberReceiveListener(
        final int connectionId,
        final UndertowClientChannel client,
        final EngineIngress ingress,
        final TokenRegistry tokens,
        final long maxMessageBytes,
        final MessageRateLimiter rate,
        final InboundCounters inbound)
    {
        super(connectionId, client, ingress, maxMessageBytes, rate);
        this.tokens = tokens;
        this.inbound = inbound;
    }

    @Override
    protected void onMessage(final WebSocketChannel channel, final byte[] bytes, final int length)
    {
        final DecodeResult result = CODEC.get().decode(bytes, length);
        inbound.received(InboundCounters.Endpoint.SUBSCRIBER,
            result.message() == null ? InboundCounters.Kind.INVALID : InboundCounters.kindOf(result.message().type()), length);
        final boolean published;
        if (result.message() == null)
        {
            published = ingress.clientError(connectionId, result.requestSequence(), result.error(), result.errorMessage());
        }
        else
        {
            published = dispatch(result.message(), result.requestSequence());
        }
        answered(published);
    }

    private boolean dispatch(final Message message, final long requestSequence)
    {
        if (message instanceof SubscriptionRequest)
        {
            return ingress.request(connectionId, requestSequence, SubscriptionCommand.resolve((SubscriptionRequest)message, tokens));
        }
        if (message instanceof AckRequest || message instanceof PingRequest || message instanceof ResumeRequest)
        {
            return ingress.request(connectionId, requestSequence, message);
        }
        return ingress.clientError(connectionId, requestSequence, ErrorCode.UNKNOWN_MESSAGE_TYPE,
            "message type '" + message.type().wireName() + "' is not accepted on the subscriber endpoint");
    }
}
