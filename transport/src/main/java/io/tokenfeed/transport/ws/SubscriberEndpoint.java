package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.CloseCode;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/ws/token-data}: registers each upgraded connection with the engine (which greets it with the
 * {@code connection} message), sets the size limit and the receive listener, then resumes receives, in that order, so
 * the engine has seen the connection before any of its requests.
 */
public final class SubscriberEndpoint implements WebSocketConnectionCallback
{
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberEndpoint.class);

    private final EngineIngress ingress;
    private final TokenRegistry tokens;
    private final long maxMessageBytes;

    private final ConnectionAdmission limits;
    private final int messagesPerSecond;
    private final int rateLimitStrikes;

    public SubscriberEndpoint(
        final EngineIngress ingress,
        final TokenRegistry tokens,
        final long maxMessageBytes,
        final ConnectionAdmission limits,
        final int messagesPerSecond,
        final int rateLimitStrikes)
    {
        this.limits = limits;
        this.messagesPerSecond = messagesPerSecond;
        this.rateLimitStrikes = rateLimitStrikes;
        this.ingress = ingress;
        this.tokens = tokens;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onConnect(final WebSocketHttpExchange exchange, final WebSocketChannel channel)
    {
        if (!limits.admit(channel))
        {
            return;
        }
        final int connectionId = ingress.nextConnectionId();
        final UndertowClientChannel client = new UndertowClientChannel(channel, UUID.randomUUID().toString());
        if (!ingress.connectionOpened(connectionId, client))
        {
            LOG.warn("connection from {} refused: ring full", client.remoteAddress());
            client.close(CloseCode.TRY_AGAIN_LATER, "server overloaded");
            return;
        }
        // Registered only once the engine knows the connection: it is told of exactly the closes of what it opened.
        channel.addCloseTask(closed ->
        {
            ingress.connectionClosed(connectionId);
            LOG.info("connection {} closed: remote={} code={} reason={}", client.connectionId(), client.remoteAddress(),
                closed.getCloseCode(), closed.getCloseReason());
        });
        LOG.info("connection {} open: remote={}", client.connectionId(), client.remoteAddress());
        channel.getReceiveSetter().set(new SubscriberReceiveListener(connectionId, client, ingress, tokens, maxMessageBytes,
            new MessageRateLimiter(messagesPerSecond, rateLimitStrikes)));
        channel.resumeReceives();
    }
}
