package io.tokenfeed.transport;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.transport.auth.ApiKeys;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import io.tokenfeed.transport.http.DashboardHandler;
import io.tokenfeed.transport.http.HealthHandler;
import io.tokenfeed.transport.http.HttpIngestHandler;
import io.tokenfeed.transport.http.JsonResponses;
import io.tokenfeed.transport.http.TokensHandler;
import io.tokenfeed.transport.metrics.MetricSources;
import io.tokenfeed.transport.metrics.MetricsHandler;
import io.tokenfeed.transport.metrics.TokenFeedMetrics;
import io.tokenfeed.transport.ws.ConnectionAdmission;
import io.tokenfeed.transport.ws.ConnectionLifecycle;
import io.tokenfeed.transport.ws.ConnectionStates;
import io.tokenfeed.transport.ws.IngestEndpoint;
import io.tokenfeed.transport.ws.SubscriberEndpoint;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the handler tree of protocol.md section 1; the one place that knows every path. */
final class Routes
{
    static final String SUBSCRIBER_PATH = "/api/v1/ws/token-data";
    static final String TOKENS_PATH = "/api/v1/tokens";
    static final String INGEST_WS_PATH = "/api/v1/ws/ingest";
    static final String INGEST_HTTP_PATH = "/api/v1/ingest";

    private final WebSocketProtocolHandshakeHandler subscriberHandshake;
    private final WebSocketProtocolHandshakeHandler ingestHandshake;
    private final PathHandler root;

    Routes(
        final TokenFeedEngine engine,
        final ApiKeys publisherKeys,
        final ConnectionAdmission admission,
        final ConnectionLifecycle lifecycle,
        final TokenFeedConfig config,
        final Supplier<HealthHandler.NotReady> notReady)
    {
        final long maxMessageBytes = config.intValue(ConfigKey.LIMITS_MAX_MESSAGE_BYTES);
        final HttpHandler notFound = exchange ->
            JsonResponses.error(exchange, 404, ErrorCode.INVALID_MESSAGE, "no such endpoint: " + exchange.getRequestPath());
        this.subscriberHandshake = Handlers.websocket(
            new SubscriberEndpoint(engine.ingress(), engine.tokens(), maxMessageBytes, admission, lifecycle,
                config.intValue(ConfigKey.LIMITS_CLIENT_MESSAGES_PER_SECOND), config.intValue(ConfigKey.LIMITS_RATE_LIMIT_STRIKES)),
            notFound);
        this.ingestHandshake = Handlers.websocket(
            new IngestEndpoint(engine.ingress(), engine.publisher(), engine.tokens(), publisherKeys, maxMessageBytes, admission,
                lifecycle),
            notFound);
        final DashboardHandler dashboard = new DashboardHandler();
        final TokenFeedMetrics metrics = new TokenFeedMetrics(new MetricSources(engine, lifecycle.states(), lifecycle.inbound()));
        this.root = Handlers.path(notFound)
            .addExactPath(SUBSCRIBER_PATH, countingUpgrades(subscriberHandshake, lifecycle.states()))
            .addExactPath(INGEST_WS_PATH, countingUpgrades(ingestHandshake, lifecycle.states()))
            .addExactPath(INGEST_HTTP_PATH, new HttpIngestHandler(engine.publisher(), engine.tokens(), publisherKeys, maxMessageBytes,
                lifecycle.inbound()))
            .addPrefixPath(TOKENS_PATH, new TokensHandler(engine.ingress(), engine.tokens()))
            .addExactPath("/metrics", new MetricsHandler(metrics.registry()))
            .addExactPath("/health/live", new HealthHandler(() -> null))
            .addExactPath("/health/ready", new HealthHandler(notReady))
            .addExactPath("/", dashboard)
            .addPrefixPath(DashboardHandler.ASSETS_PATH, dashboard);
    }

    /** {@code connecting}: an upgrade request is being handled until its HTTP exchange ends (upgraded or not). */
    private static HttpHandler countingUpgrades(final HttpHandler handshake, final ConnectionStates states)
    {
        return exchange ->
        {
            states.upgradeRequested();
            exchange.addExchangeCompleteListener((ex, next) ->
            {
                states.upgradeEnded();
                next.proceed();
            });
            handshake.handleRequest(exchange);
        };
    }

    HttpHandler root()
    {
        return root;
    }

    /** Every open WebSocket, subscribers and publishers. */
    List<WebSocketChannel> openWebSockets()
    {
        final List<WebSocketChannel> open = new ArrayList<>(subscriberHandshake.getPeerConnections());
        open.addAll(ingestHandshake.getPeerConnections());
        return open;
    }
}
