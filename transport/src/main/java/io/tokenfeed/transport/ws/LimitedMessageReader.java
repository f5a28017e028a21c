package io.tokenfeed.transport.ws;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;

/**
 * Reads one inbound message's bytes up to {@code limits.max-message-bytes}, on the connection's IO thread, without
 * ever holding more than the limit. Undertow's own buffered reader closes with 1009 the moment a message is too big,
 * before the contract's fatal {@code MESSAGE_TOO_LARGE} could be sent; this one stops reading instead and lets the
 * caller answer first. The bytes go to the decoder as they are (no intermediate String).
 */
final class LimitedMessageReader implements ChannelListener<StreamSourceFrameChannel>
{
    /** What happens with a message once it is read. Called on the IO thread. */
    interface Sink
    {
        void onMessage(boolean text, byte[] bytes, int length);

        void onTooLarge(boolean text);

        void onReadFailed(IOException failure);
    }

    /** Buffers grown beyond this (a 100-token subscribe fits) are given back once their message is handled. */
    private static final int KEPT_CAPACITY = 8 * 1024;

    private final long maxMessageBytes;
    private final Sink sink;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean text;

    LimitedMessageReader(final long maxMessageBytes, final Sink sink)
    {
        this.maxMessageBytes = maxMessageBytes;
        this.sink = sink;
    }

    /** Starts reading a new message from its frame channel. */
    void start(final StreamSourceFrameChannel message, final boolean isText)
    {
        length = 0;
        text = isText;
        handleEvent(message);
    }

    @Override
    public void handleEvent(final StreamSourceFrameChannel message)
    {
        final PooledByteBuffer pooled = message.getWebSocketChannel().getBufferPool().allocate();
        try
        {
            final ByteBuffer buffer = pooled.getBuffer();
            while (true)
            {
                buffer.clear();
                final int read = message.read(buffer);
                if (read == -1)
                {
                    message.getReadSetter().set(null);
                    complete();
                    return;
                }
                if (read == 0)
                {
                    message.getReadSetter().set(this);
                    message.resumeReads();
                    return;
                }
                if (length + (long)read > maxMessageBytes)
                {
                    message.getReadSetter().set(null);
                    message.suspendReads();
                    message.getWebSocketChannel().suspendReceives();
                    release();
                    sink.onTooLarge(text);
                    return;
                }
                buffer.flip();
                ensureCapacity(length + read);
                buffer.get(bytes, length, read);
                length += read;
            }
        }
        catch (final IOException ex)
        {
            release();
            sink.onReadFailed(ex);
        }
        finally
        {
            pooled.close();
        }
    }

    private void complete()
    {
        try
        {
            sink.onMessage(text, bytes, length);
        }
        finally
        {
            release();
        }
    }

    private void ensureCapacity(final int needed)
    {
        if (needed > bytes.length)
        {
            bytes = java.util.Arrays.copyOf(bytes, (int)Math.min(maxMessageBytes, Math.max(needed, Math.max(256, bytes.length * 2L))));
        }
    }

    private void release()
    {
        length = 0;
        if (bytes.length > KEPT_CAPACITY)
        {
            bytes = new byte[0];
        }
    }
}
