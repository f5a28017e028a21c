package io.tokenfeed.transport;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.transport.auth.ApiKeys;
import io.tokenfeed.transport.ws.ConnectionAdmission;
import io.tokenfeed.transport.ws.ConnectionLifecycle;
import io.tokenfeed.transport.ws.ConnectionStates;
import io.tokenfeed.transport.ws.UndertowClientChannel;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import io.tokenfeed.transport.http.HealthHandler;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tokenfeed instance: the engine and the Undertow server in front of it. {@link #start} returns once the
 * port is bound; {@link #close} stops accepting, closes every WebSocket with 1001, stops the engine.
 */
public final class TokenFeedServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TokenFeedServer.class);

    private final TokenFeedConfig config;
    private final TokenFeedEngine engine;
    private final Routes routes;
    private final ConnectionAdmission admission;
    private final ConnectionStates states;
    private final ConnectionLifecycle lifecycle;
    private final Undertow undertow;
    private volatile boolean stopping;

    private TokenFeedServer(final TokenFeedConfig config)
    {
        this.config = config;
        this.engine = new TokenFeedEngine(config.engineConfig(version()), SystemEpochClock.INSTANCE, new SystemNanoClock());
        this.states = new ConnectionStates();
        this.admission = new ConnectionAdmission(config.intValue(ConfigKey.LIMITS_MAX_CONNECTIONS),
            config.intValue(ConfigKey.LIMITS_MAX_CONNECTIONS_PER_IP), states);
        this.lifecycle = new ConnectionLifecycle(engine.ingress(), states);
        this.routes = new Routes(engine, new ApiKeys(config.listValue(ConfigKey.AUTH_PUBLISHER_KEYS)), admission, lifecycle, config,
            this::notReady);
        final Undertow.Builder builder = Undertow.builder()
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)config.longValue(ConfigKey.CONNECTION_HANDSHAKE_TIMEOUT_MS))
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)config.longValue(ConfigKey.CONNECTION_HANDSHAKE_TIMEOUT_MS))
            .setHandler(routes.root());
        final String host = config.stringValue(ConfigKey.SERVER_HOST);
        final int port = config.intValue(ConfigKey.SERVER_PORT);
        if (config.booleanValue(ConfigKey.SERVER_TLS_ENABLED))
        {
            builder.addHttpsListener(port, host, TlsContextFactory.create(config));
        }
        else
        {
            builder.addHttpListener(port, host);
        }
        this.undertow = builder.build();
    }

    /** Starts the engine, then the listener. */
    public static TokenFeedServer start(final TokenFeedConfig config)
    {
        final TokenFeedServer server = new TokenFeedServer(config);
        server.engine.start();
        server.undertow.start();
        LOG.info("tokenfeed {} listening on {}://{}:{} (configuration: {})", version(),
            config.booleanValue(ConfigKey.SERVER_TLS_ENABLED) ? "https/wss" : "http/ws",
            config.stringValue(ConfigKey.SERVER_HOST), server.port(), config.describeOverrides());
        return server;
    }

    /** The bound port (useful with {@code server.port=0}). */
    public int port()
    {
        return ((InetSocketAddress)undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public TokenFeedEngine engine()
    {
        return engine;
    }

    public TokenFeedConfig config()
    {
        return config;
    }

    /** Connection states and close reasons, over both WebSocket endpoints. */
    public ConnectionStates connectionStates()
    {
        return states;
    }

    /** Open WebSocket channels of either endpoint, admitted or being refused. */
    public int openWebSockets()
    {
        return routes.openWebSockets().size();
    }

    /** WebSocket connections holding a slot of {@code limits.max-connections} now. */
    /**
     * Drops one connection without a close frame, as a network failure would (tests of resume after a server-side drop).
     *
     * @return false when no open connection has that id
     */
    boolean abortConnection(final String connectionId) throws IOException
    {
        for (final WebSocketChannel channel : routes.openWebSockets())
        {
            final Object client = channel.getAttribute(UndertowClientChannel.ATTRIBUTE);
            if (client instanceof UndertowClientChannel && ((UndertowClientChannel)client).connectionId().equals(connectionId))
            {
                ((UndertowClientChannel)client).abort();
                return true;
            }
        }
        return false;
    }

    public int openConnections()
    {
        return admission.limiter().open();
    }

    /**
     * Drains the instance without losing what was already sent: readiness goes down, the simulator stops, every session
     * gets {@code connection} / {@code disconnected} (reason {@code server_shutdown}) in its own sequence and close
     * 1001, and the server waits up to {@code server.shutdown-grace-ms} for the clients to close before it stops the
     * engine and the listener.
     */
    @Override
    public synchronized void close()
    {
        if (stopping)
        {
            return;
        }
        stopping = true;
        final long graceMs = config.longValue(ConfigKey.SERVER_SHUTDOWN_GRACE_MS);
        final long deadlineNs = System.nanoTime() + graceMs * 1_000_000L;
        // Undertow's ListenerInfo.suspend() would also close every open connection before it could be told: instead,
        // upgrades that complete from now on are closed with 1001 at once, and readiness reports DOWN.
        lifecycle.stopAdmitting();
        LOG.info("shutting down: no new WebSocket sessions; announcing to {} connections", routes.openWebSockets().size());
        engine.stopSources();
        if (!engine.ingress().announceShutdown(deadlineNs))
        {
            LOG.warn("the pipeline took no shutdown announcement within the grace period; closing connections directly");
        }
        while (!routes.openWebSockets().isEmpty() && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(10_000_000L);
        }
        final List<WebSocketChannel> left = routes.openWebSockets();
        if (!left.isEmpty())
        {
            LOG.warn("{} connections still open after the {} ms grace period; closing them", left.size(), graceMs);
            for (final WebSocketChannel channel : left)
            {
                WebSockets.sendClose(CloseCode.GOING_AWAY.code(), "server shutdown", channel, null);
            }
        }
        engine.close();
        undertow.stop();
        LOG.info("tokenfeed stopped");
    }

    private HealthHandler.NotReady notReady()
    {
        if (stopping)
        {
            return new HealthHandler.NotReady("DOWN", "shutting_down");
        }
        final String breach = engine.latencyBudget().breach();
        return breach == null ? null : new HealthHandler.NotReady("DEGRADED", breach);
    }

    /** The build's version, from the jar's resources. */
    public static String version()
    {
        try (InputStream in = TokenFeedServer.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                return "dev";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        }
        catch (final IOException ex)
        {
            return "dev";
        }
    }
}
