package io.tokenfeed.transport;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.transport.http.HealthHandler;
import io.tokenfeed.transport.http.JsonResponses;
import io.tokenfeed.transport.http.TokensHandler;
import io.tokenfeed.transport.ws.SubscriberEndpoint;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import java.util.function.Supplier;

/** Builds the handler tree of protocol.md section 1; the one place that knows every path. */
final class Routes
{
    static final String SUBSCRIBER_PATH = "/api/v1/ws/token-data";
    static final String TOKENS_PATH = "/api/v1/tokens";

    private final WebSocketProtocolHandshakeHandler subscriberHandshake;
    private final PathHandler root;

    Routes(final TokenFeedEngine engine, final long maxMessageBytes, final Supplier<String> notReadyReason)
    {
        final HttpHandler notFound = exchange ->
            JsonResponses.error(exchange, 404, ErrorCode.INVALID_MESSAGE, "no such endpoint: " + exchange.getRequestPath());
        this.subscriberHandshake = Handlers.websocket(
            new SubscriberEndpoint(engine.ingress(), engine.tokens(), maxMessageBytes), notFound);
        this.root = Handlers.path(notFound)
            .addExactPath(SUBSCRIBER_PATH, subscriberHandshake)
            .addPrefixPath(TOKENS_PATH, new TokensHandler(engine.ingress(), engine.tokens()))
            .addExactPath("/health/live", new HealthHandler(() -> null))
            .addExactPath("/health/ready", new HealthHandler(notReadyReason));
    }

    HttpHandler root()
    {
        return root;
    }

    WebSocketProtocolHandshakeHandler subscriberHandshake()
    {
        return subscriberHandshake;
    }
}
