package io.tokenfeed.transport.ws;

import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import java.io.IOException;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.Channels;

/**
 * What a connection reads once our close frame is out: everything the peer still sends is drained and dropped until
 * its close frame (or EOF), then the socket is closed. Closing a socket with unread input makes the kernel answer with
 * a reset, which can destroy what the peer has not read yet — our last messages, the fatal error, the close frame
 * itself. The close deadline bounds how long a peer can keep it open. IO thread.
 */
final class DrainingCloseListener implements ChannelListener<WebSocketChannel>
{
    static final DrainingCloseListener INSTANCE = new DrainingCloseListener();

    private DrainingCloseListener()
    {
    }

    /** Starts draining: called when the close frame has been written. */
    static void drainThenClose(final WebSocketChannel channel)
    {
        channel.getReceiveSetter().set(INSTANCE);
        channel.resumeReceives();
    }

    @Override
    public void handleEvent(final WebSocketChannel channel)
    {
        try
        {
            StreamSourceFrameChannel frame;
            while ((frame = channel.receive()) != null)
            {
                if (frame.getType() == WebSocketFrameType.CLOSE)
                {
                    IoUtils.safeClose(channel);
                    return;
                }
                if (Channels.drain(frame, Long.MAX_VALUE) >= 0)
                {
                    // The rest of the frame has not arrived yet: drain it as it comes.
                    frame.getReadSetter().set(ChannelListeners.drainListener(Long.MAX_VALUE, null,
                        (source, failure) -> IoUtils.safeClose(channel)));
                    frame.resumeReads();
                    return;
                }
            }
            if (!channel.isOpen() || channel.isCloseFrameReceived())
            {
                IoUtils.safeClose(channel);
            }
        }
        catch (final IOException ex)
        {
            IoUtils.safeClose(channel);
        }
    }
}
