package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.token.TokenRegistry;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * {@code /api/v1/ws/token-data}: registers each upgraded connection with the engine (which greets it with the
 * {@code connection} message), sets the size limit and the receive listener, then resumes receives, in that order, so
 * the engine has seen the connection before any of its requests.
 */
public final class SubscriberEndpoint implements WebSocketConnectionCallback
{
    private final EngineIngress ingress;
    private final TokenRegistry tokens;
    private final long maxMessageBytes;

    private final ConnectionAdmission limits;
    private final ConnectionLifecycle lifecycle;
    private final int messagesPerSecond;
    private final int rateLimitStrikes;

    public SubscriberEndpoint(
        final EngineIngress ingress,
        final TokenRegistry tokens,
        final long maxMessageBytes,
        final ConnectionAdmission limits,
        final ConnectionLifecycle lifecycle,
        final int messagesPerSecond,
        final int rateLimitStrikes)
    {
        this.limits = limits;
        this.lifecycle = lifecycle;
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
        final UndertowClientChannel client = lifecycle.open(channel, "connection", connectionId, true);
        if (client == null)
        {
            return;
        }
        channel.getReceiveSetter().set(new SubscriberReceiveListener(connectionId, client, ingress, tokens, maxMessageBytes,
            new MessageRateLimiter(messagesPerSecond, rateLimitStrikes, System.nanoTime()), lifecycle.inbound()));
        channel.resumeReceives();
    }
}
