package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ErrorCode;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both endpoints' listeners share: the inbound size limit, the refusal of binary messages, and the rule that a
 * request the ring cannot take even as control closes the connection with 1013 rather than vanish. Subclasses decode
 * text messages and publish them on the ring; every answer is numbered by the fan-out stage.
 */
abstract class EngineReceiveListener extends AbstractReceiveListener
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineReceiveListener.class);

    protected final int connectionId;
    protected final UndertowClientChannel client;
    protected final EngineIngress ingress;
    private final long maxMessageBytes;
    private final MessageRateLimiter rate;

    /** @param rate the connection's message budget, or null for none (authenticated publishers). */
    EngineReceiveListener(
        final int connectionId,
        final UndertowClientChannel client,
        final EngineIngress ingress,
        final long maxMessageBytes,
        final MessageRateLimiter rate)
    {
        this.connectionId = connectionId;
        this.client = client;
        this.ingress = ingress;
        this.maxMessageBytes = maxMessageBytes;
        this.rate = rate;
    }

    @Override
    protected final void onFullTextMessage(final WebSocketChannel channel, final BufferedTextMessage message)
    {
        if (withinRate(channel))
        {
            onText(channel, message);
        }
    }

    /** A text message within the connection's budget. */
    protected abstract void onText(WebSocketChannel channel, BufferedTextMessage message);

    /**
     * Drops a message over {@code limits.client-messages-per-second} with a {@code RATE_LIMITED} warning; after
     * {@code limits.rate-limit-strikes} drops, answers {@code RATE_LIMIT_ABUSE} (the fan-out stage then closes with
     * 1008) and stops reading the connection, so a flood costs the server no more than its first strikes.
     */
    private boolean withinRate(final WebSocketChannel channel)
    {
        if (rate == null)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (rate.tryAcquire(nowNs))
        {
            return true;
        }
        if (rate.abusive())
        {
            LOG.warn("connection {} ({}): still flooding after its rate-limit strikes, closing with 1008", client.connectionId(),
                client.remoteAddress());
            channel.suspendReceives();
            answered(ingress.clientError(connectionId, -1, ErrorCode.RATE_LIMIT_ABUSE,
                "too many messages: over limits.client-messages-per-second after repeated warnings"));
        }
        else
        {
            answered(ingress.clientError(connectionId, -1, ErrorCode.RATE_LIMITED,
                "message dropped: over limits.client-messages-per-second; retry after retryAfterMs"));
        }
        return false;
    }

    /** Every inbound frame (message, pong, ping, close) is a sign of life for the heartbeat check. */
    @Override
    public void handleEvent(final WebSocketChannel channel)
    {
        client.markReceived();
        super.handleEvent(channel);
    }

    @Override
    protected long getMaxTextBufferSize()
    {
        return maxMessageBytes;
    }

    @Override
    protected long getMaxBinaryBufferSize()
    {
        return maxMessageBytes;
    }

    @Override
    protected void onFullBinaryMessage(final WebSocketChannel channel, final BufferedBinaryMessage message)
    {
        message.getData().free();
        if (!withinRate(channel))
        {
            return;
        }
        answered(ingress.clientError(connectionId, -1, ErrorCode.INVALID_MESSAGE,
            "binary messages are not accepted on this endpoint: send JSON as text"));
    }

    /** Closes the connection with 1013 when its request could not be put on the ring even as control. */
    protected final void answered(final boolean published)
    {
        if (!published)
        {
            LOG.warn("connection {} ({}): ring full even for control, closing with 1013", client.connectionId(), client.remoteAddress());
            client.close(CloseCode.TRY_AGAIN_LATER, "server overloaded");
        }
    }
}
