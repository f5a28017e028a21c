package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.UpdatePublisher;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.transport.auth.ApiKeys;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * {@code /api/v1/ws/ingest}: publishers feed token updates in. The API key ({@code Authorization: Bearer}) is checked
 * at the handshake; a connection without a valid key gets the contract's refusal — {@code connection} with status
 * {@code error}, a fatal {@code UNAUTHORIZED} error, close 1008 — and never reaches the engine. An accepted publisher
 * is a session like any other (greeting, sequence, heartbeats) whose messages are ingested instead of subscribed.
 */
public final class IngestEndpoint implements WebSocketConnectionCallback
{
    private final EngineIngress ingress;
    private final UpdatePublisher publisher;
    private final TokenRegistry tokens;
    private final ApiKeys keys;
    private final long maxMessageBytes;
    private final ConnectionAdmission limits;
    private final ConnectionLifecycle lifecycle;

    public IngestEndpoint(
        final EngineIngress ingress, final UpdatePublisher publisher, final TokenRegistry tokens, final ApiKeys keys,
        final long maxMessageBytes, final ConnectionAdmission limits, final ConnectionLifecycle lifecycle)
    {
        this.limits = limits;
        this.lifecycle = lifecycle;
        this.ingress = ingress;
        this.publisher = publisher;
        this.tokens = tokens;
        this.keys = keys;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onConnect(final WebSocketHttpExchange exchange, final WebSocketChannel channel)
    {
        final String presented = ApiKeys.bearerKey(exchange.getRequestHeader("Authorization"));
        if (!keys.accepts(presented))
        {
            final String why = keys.isEmpty() ? "no publisher key is configured on this server"
                : presented == null ? "missing API key (Authorization: Bearer <key>)" : "invalid API key";
            ConnectionRefusal.refuse(channel, ErrorCode.UNAUTHORIZED, why, "unauthorized");
            lifecycle.states().refused("unauthorized");
            return;
        }
        if (!limits.admit(channel))
        {
            return;
        }
        final int connectionId = ingress.nextConnectionId();
        final UndertowClientChannel client = lifecycle.open(channel, "publisher", connectionId, false);
        if (client == null)
        {
            return;
        }
        channel.getReceiveSetter().set(new IngestReceiveListener(connectionId, client, ingress, publisher, tokens, maxMessageBytes,
            lifecycle.inbound()));
        channel.resumeReceives();
    }
}
