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
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.agrona.DirectBuffer;
import org.xnio.IoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection as the engine sees it. {@link #sendText} runs on the fan-out thread: it copies the
 * prepared bytes into a buffer of Undertow's pool (a one-off buffer only for messages larger than a pool buffer) and
 * queues the frame; Undertow's IO thread writes it, coalescing queued frames into one gathering write. Nothing here
 * blocks.
 *
 * <p>Backlog without locks: the fan-out thread alone counts what it queued (bytes, and each message's cumulative end
 * in a small ring); the IO thread alone counts messages written (their callbacks complete in queue order). The
 * difference is what the socket has not accepted yet.
 */
public final class UndertowClientChannel implements ClientChannel
{
    private static final Logger LOG = LoggerFactory.getLogger(UndertowClientChannel.class);
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    /** The attribute of a {@link WebSocketChannel} under which its registered connection is found. */
    public static final String ATTRIBUTE = UndertowClientChannel.class.getName();
    /**
     * Power of two: the queued messages whose end is known exactly (beyond, the backlog is a lower bound); twice the
     * engine's message window, so the backlog of a connection that is not held back is always exact.
     */
    private static final int QUEUED_ENDS = 512;
    private static final AtomicLongFieldUpdater<UndertowClientChannel> WRITTEN =
        AtomicLongFieldUpdater.newUpdater(UndertowClientChannel.class, "writtenMessages");

    private final WebSocketChannel channel;
    private final String connectionId;
    private final String remoteAddress;
    /** Written by the connection's IO thread on every inbound frame, read by the fan-out stage's heartbeat check. */
    private volatile long lastReceivedMs = System.currentTimeMillis();
    private final ConnectionStates states;
    private volatile String closeLabel;
    /** OPEN → CLOSING (the server started the close) → CLOSED (the close task ran): counted once each way. */
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final boolean resumable;
    /**
     * Fan-out thread only: bytes queued since open, and the cumulative end of each of the last queued messages, modulo
     * 2^32 (ints halve the memory; a backlog is far below 4 GiB, so differences stay exact).
     */
    private final int[] queuedEnds = new int[QUEUED_ENDS];
    private long queuedBytes;
    private long queuedMessages;
    /** IO thread only (written through {@link #WRITTEN}): messages whose bytes the socket has accepted. */
    private volatile long writtenMessages;
    /** One per connection, so a completion knows its channel without a per-message object. */
    private final WebSocketCallback<Void> onSent = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
            WRITTEN.incrementAndGet(UndertowClientChannel.this);
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            WRITTEN.incrementAndGet(UndertowClientChannel.this);
            LOG.debug("write failed on {}: {}", channel.getSourceAddress(), throwable.toString());
            IoUtils.safeClose(channel);
        }
    };

    UndertowClientChannel(final WebSocketChannel channel, final String connectionId, final ConnectionStates states,
        final boolean resumable)
    {
        this.resumable = resumable;
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
            queuedBytes += length;
            queuedEnds[(int)(queuedMessages++ & (QUEUED_ENDS - 1))] = (int)queuedBytes;
            WebSockets.sendText(pooled, channel, onSent);
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
    public long unsentBytes()
    {
        final long outstanding = queuedMessages - writtenMessages;
        if (outstanding <= 0)
        {
            return 0;
        }
        if (outstanding >= QUEUED_ENDS)
        {
            // The end of the last written message has been overwritten: count only the messages still remembered.
            return bytesAfter(queuedEnds[(int)(queuedMessages & (QUEUED_ENDS - 1))]);
        }
        final long written = queuedMessages - outstanding;
        return written == 0 ? queuedBytes : bytesAfter(queuedEnds[(int)((written - 1) & (QUEUED_ENDS - 1))]);
    }

    /** Bytes queued after a cumulative end kept modulo 2^32. */
    private long bytesAfter(final int end)
    {
        return ((int)queuedBytes - end) & 0xFFFF_FFFFL;
    }

    @Override
    public long unsentMessages()
    {
        return Math.max(0, queuedMessages - writtenMessages);
    }

    @Override
    public long writtenMessages()
    {
        return writtenMessages;
    }

    @Override
    public boolean resumable()
    {
        return resumable;
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
