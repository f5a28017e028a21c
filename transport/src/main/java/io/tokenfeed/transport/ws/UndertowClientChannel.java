package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.protocol.CloseCode;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.DirectBuffer;
import org.xnio.IoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection as the engine sees it. {@link #sendText} runs on the fan-out thread: it copies the
 * prepared bytes into a buffer of Undertow's pool (a one-off buffer only for messages larger than a pool buffer) and
 * queues the frame; Undertow's IO thread writes it, coalescing queued frames into one gathering write. Nothing here
 * blocks.
 */
public final class UndertowClientChannel implements ClientChannel
{
    private static final Logger LOG = LoggerFactory.getLogger(UndertowClientChannel.class);
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    /** Shared and stateless: a failed write closes the channel, whose close task tells the engine. */
    private static final WebSocketCallback<Void> ON_SENT = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            LOG.debug("write failed on {}: {}", channel.getSourceAddress(), throwable.toString());
            IoUtils.safeClose(channel);
        }
    };

    private final WebSocketChannel channel;
    private final String connectionId;
    private final String remoteAddress;
    /** Written by the connection's IO thread on every inbound frame, read by the fan-out stage's heartbeat check. */
    private volatile long lastReceivedMs = System.currentTimeMillis();
    private final ConnectionStates states;
    private volatile String closeLabel;
    /** OPEN → CLOSING (the server started the close) → CLOSED (the close task ran): counted once each way. */
    private final AtomicInteger state = new AtomicInteger(OPEN);

    UndertowClientChannel(final WebSocketChannel channel, final String connectionId, final ConnectionStates states)
    {
        this.channel = channel;
        this.states = states;
        this.connectionId = connectionId;
        this.remoteAddress = String.valueOf(channel.getSourceAddress());
    }

    @Override
    public boolean sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!channel.isOpen() || channel.isCloseFrameSent())
        {
            return false;
        }
        try
        {
            final PooledByteBuffer pooled = allocate(length);
            final ByteBuffer target = pooled.getBuffer();
            target.clear();
            buffer.getBytes(offset, target, length);
            target.flip();
            WebSockets.sendText(pooled, channel, ON_SENT);
            return true;
        }
        catch (final RuntimeException ex)
        {
            // Undertow reports I/O failures through the callback; anything thrown here means the channel or its worker
            // is going away (e.g. during shutdown). The connection is finished either way.
            LOG.debug("send failed on {}: {}", remoteAddress, ex.toString());
            IoUtils.safeClose(channel);
            return false;
        }
    }

    @Override
    public void sendPing()
    {
        if (channel.isOpen() && !channel.isCloseFrameSent())
        {
            WebSockets.sendPing(ByteBuffer.allocate(0), channel, null);
        }
    }

    @Override
    public long lastReceivedMs()
    {
        return lastReceivedMs;
    }

    /** Why the connection ended, for {@link ConnectionStates}: the server's reason, the peer's close, or abrupt. */
    String closeLabel()
    {
        final String label = closeLabel;
        return label != null ? label : ConnectionStates.ABRUPT;
    }

    /** The close task: true when the server had started the close (the connection was counted as closing). */
    boolean markClosed()
    {
        return state.getAndSet(CLOSED) == CLOSING;
    }

    /** IO thread: the peer sent its close frame first. */
    void peerClosed()
    {
        if (closeLabel == null)
        {
            closeLabel = ConnectionStates.CLIENT_CLOSE;
        }
    }

    /** IO thread: something arrived from the peer. */
    void markReceived()
    {
        lastReceivedMs = System.currentTimeMillis();
    }

    @Override
    public void close(final CloseCode code, final String reason)
    {
        if (!channel.isOpen() || channel.isCloseFrameSent())
        {
            return;
        }
        if (state.compareAndSet(OPEN, CLOSING))
        {
            closeLabel = reason;
            states.startedClosing();
        }
        channel.setCloseCode(code.code());
        channel.setCloseReason(reason);
        ConnectionRefusal.closeWithDeadline(channel, code, reason);
    }

    @Override
    public String connectionId()
    {
        return connectionId;
    }

    @Override
    public String remoteAddress()
    {
        return remoteAddress;
    }

    /** Closes the socket without a close frame (server shutdown after the grace period, tests of abrupt drops). */
    public void abort() throws IOException
    {
        channel.close();
    }

    private PooledByteBuffer allocate(final int length)
    {
        if (length <= channel.getBufferPool().getBufferSize())
        {
            return channel.getBufferPool().allocate();
        }
        return new ImmediatePooledByteBuffer(ByteBuffer.allocate(length));
    }
}
