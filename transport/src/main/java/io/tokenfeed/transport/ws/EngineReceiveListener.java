package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ErrorCode;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import org.xnio.IoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both endpoints' listeners share: reading messages within the inbound size limit ({@link LimitedMessageReader}),
 * the rate limit, the refusal of binary messages, and the rule that a request the ring cannot take even as control
 * closes the connection with 1013 rather than vanish. Subclasses decode
 * text messages and publish them on the ring; every answer is numbered by the fan-out stage.
 */
abstract class EngineReceiveListener extends AbstractReceiveListener implements LimitedMessageReader.Sink
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineReceiveListener.class);

    protected final int connectionId;
    protected final UndertowClientChannel client;
    protected final EngineIngress ingress;
    private final MessageRateLimiter rate;
    private final LimitedMessageReader reader;
    private WebSocketChannel channel;

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
        this.rate = rate;
        this.reader = new LimitedMessageReader(maxMessageBytes, this);
    }

    @Override
    protected void onCloseMessage(final CloseMessage message, final WebSocketChannel webSocketChannel)
    {
        client.peerClosed();
    }

    @Override
    protected void onText(final WebSocketChannel webSocketChannel, final StreamSourceFrameChannel message)
    {
        channel = webSocketChannel;
        reader.start(message, true);
    }

    @Override
    protected void onBinary(final WebSocketChannel webSocketChannel, final StreamSourceFrameChannel message)
    {
        channel = webSocketChannel;
        reader.start(message, false);
    }

    @Override
    public final void onMessage(final boolean text, final byte[] bytes, final int length)
    {
        if (!withinRate(channel))
        {
            return;
        }
        if (text)
        {
            try
            {
                onMessage(channel, bytes, length);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("connection {}: message could not be handled", client.connectionId(), ex);
                answered(ingress.clientError(connectionId, -1, ErrorCode.INTERNAL_ERROR, "the message could not be processed"));
            }
        }
        else
        {
            answered(ingress.clientError(connectionId, -1, ErrorCode.INVALID_MESSAGE,
                "binary messages are not accepted on this endpoint: send JSON as text"));
        }
    }

    /**
     * protocol.md section 7: the fatal {@code MESSAGE_TOO_LARGE}, then close 1009 (sent by the fan-out stage after the
     * error, in sequence). Reading has stopped: the rest of the message is never buffered.
     */
    @Override
    public final void onTooLarge(final boolean text)
    {
        LOG.info("connection {} ({}): inbound message over limits.max-message-bytes, closing with 1009", client.connectionId(),
            client.remoteAddress());
        if (!ingress.clientError(connectionId, -1, ErrorCode.MESSAGE_TOO_LARGE, "message exceeds limits.max-message-bytes"))
        {
            client.close(CloseCode.MESSAGE_TOO_BIG, "message too big");
        }
    }

    @Override
    public final void onReadFailed(final IOException failure)
    {
        LOG.debug("connection {}: read failed: {}", client.connectionId(), failure.toString());
        IoUtils.safeClose(channel);
    }

    /** A complete text message (UTF-8 bytes, valid until return) within the connection's budget and size limit. */
    protected abstract void onMessage(WebSocketChannel channel, byte[] bytes, int length);

    /**
     * Drops a message over {@code limits.client-messages-per-second} with a {@code RATE_LIMITED} warning; after
     * {@code limits.rate-limit-strikes} drops, answers {@code RATE_LIMIT_ABUSE} (the fan-out stage then closes with
     * 1008) and stops reading the connection, so a flood costs the server no more than its first strikes.
     */
    private boolean withinRate(final WebSocketChannel webSocketChannel)
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
            webSocketChannel.suspendReceives();
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
