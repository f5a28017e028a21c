package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.protocol.CloseCode;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
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
    private final ConnectionStates states;

    public ConnectionLifecycle(final EngineIngress ingress, final ConnectionStates states)
    {
        this.ingress = ingress;
        this.states = states;
    }

    /** @return the registered connection, or null when the engine could not take it (closed with 1013). */
    UndertowClientChannel open(final WebSocketChannel channel, final String kind, final int connectionId)
    {
        final UndertowClientChannel client = new UndertowClientChannel(channel, UUID.randomUUID().toString(), states);
        if (!ingress.connectionOpened(connectionId, client))
        {
            LOG.warn("{} from {} refused: ring full", kind, client.remoteAddress());
            states.refused("overloaded");
            // Never open, so never counted as closing: a plain close frame, then the socket.
            WebSockets.sendClose(CloseCode.TRY_AGAIN_LATER.code(), "server overloaded", channel, ConnectionRefusal.CLOSE_AFTER_SEND);
            return null;
        }
        states.opened();
        // Registered only once the engine knows the connection: it is told of exactly the closes of what it opened.
        channel.addCloseTask(closed ->
        {
            ingress.connectionClosed(connectionId);
            states.closed(client.serverClosing(), client.closeLabel());
            LOG.info("{} {} closed: remote={} reason={}", kind, client.connectionId(), client.remoteAddress(), client.closeLabel());
        });
        LOG.info("{} {} open: remote={}", kind, client.connectionId(), client.remoteAddress());
        return client;
    }

    public ConnectionStates states()
    {
        return states;
    }
}
