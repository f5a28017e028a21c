package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.protocol.CloseCode;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of an admitted connection's life, the same for subscribers and publishers: register it with the
 * engine (which greets it), count and log it open, and on every way it can end — server close, client close, reset —
 * tell the engine, count it closed with its reason and log one line. IO thread.
 */
public final class ConnectionLifecycle
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final EngineIngress ingress;
    private final InboundCounters inbound = new InboundCounters();
    private final ConnectionStates states;
    private volatile boolean draining;

    public ConnectionLifecycle(final EngineIngress ingress, final ConnectionStates states)
    {
        this.ingress = ingress;
        this.states = states;
    }

    /** From now on, connections that finish their upgrade are closed with 1001 at once: the instance is draining. */
    public void stopAdmitting()
    {
        draining = true;
    }

    /**
     * @param resumable whether the engine keeps the session for a resume when the socket drops (subscribers)
     * @return the registered connection, or null when it was not registered (draining, or the ring had no room).
     */
    UndertowClientChannel open(final WebSocketChannel channel, final String kind, final int connectionId, final boolean resumable)
    {
        if (draining)
        {
            states.refused("server_shutdown");
            ConnectionRefusal.closeWithDeadline(channel, CloseCode.GOING_AWAY, "server shutdown");
            return null;
        }
        final UndertowClientChannel client = new UndertowClientChannel(channel, UUID.randomUUID().toString(), states, resumable);
        if (!ingress.connectionOpened(connectionId, client))
        {
            LOG.warn("{} from {} refused: ring full", kind, client.remoteAddress());
            states.refused("overloaded");
            // Never open, so never counted as closing: a plain close frame, then the socket.
            ConnectionRefusal.closeWithDeadline(channel, CloseCode.TRY_AGAIN_LATER, "server overloaded");
            return null;
        }
        states.opened();
        channel.setAttribute(UndertowClientChannel.ATTRIBUTE, client);
        // Registered only once the engine knows the connection: it is told of exactly the closes of what it opened.
        channel.addCloseTask(closed ->
        {
            ingress.connectionClosed(connectionId);
            states.closed(client.markClosed(), client.closeLabel());
            LOG.info("{} {} closed: remote={} reason={}", kind, client.connectionId(), client.remoteAddress(), client.closeLabel());
        });
        LOG.info("{} {} open: remote={}", kind, client.connectionId(), client.remoteAddress());
        return client;
    }

    /** Messages and bytes received on both endpoints. */
    public InboundCounters inbound()
    {
        return inbound;
    }

    public ConnectionStates states()
    {
        return states;
    }
}
