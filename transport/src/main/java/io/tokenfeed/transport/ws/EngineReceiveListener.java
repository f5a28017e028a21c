package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ErrorCode;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
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

    EngineReceiveListener(
        final int connectionId, final UndertowClientChannel client, final EngineIngress ingress, final long maxMessageBytes)
    {
        this.connectionId = connectionId;
        this.client = client;
        this.ingress = ingress;
        this.maxMessageBytes = maxMessageBytes;
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
