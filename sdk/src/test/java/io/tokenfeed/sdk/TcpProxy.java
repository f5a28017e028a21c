package io.tokenfeed.sdk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A TCP proxy on real sockets between a client and the server, that can misbehave like a network: cut every connection
 * (reset, no close frame), stall the server-to-client direction (frames are held, not delivered, and the upstream's
 * close is swallowed, so only the client's own watchdog can notice), slow it down, refuse new connections, and drop
 * one server-to-client WebSocket frame.
 *
 * <p>The server-to-client stream is parsed: the HTTP upgrade response is passed through, then every WebSocket frame is
 * read whole (server frames are unmasked: 2 header bytes, 2 or 8 bytes of extended length, the payload) so that a
 * frame can be held or dropped without corrupting the stream. Neither side negotiates an extension, so a text frame's
 * payload is plain JSON.
 */
final class TcpProxy implements AutoCloseable
{
    private static final int OPCODE_TEXT = 1;
    private static final int CHUNK = 1024;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final AtomicReference<Predicate<String>> dropNext = new AtomicReference<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile long bytesPerSecond;
    private volatile boolean refusing;
    private volatile boolean closed;

    TcpProxy(final int upstreamPort) throws IOException
    {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return listener.getLocalPort();
    }

    /** Connections accepted so far, refused ones included. */
    int accepted()
    {
        return accepted.get();
    }

    /** Resets every open connection, on both sides: the client sees a network failure, the server an abrupt drop. */
    void cut()
    {
        for (final Pipe pipe : pipes)
        {
            pipe.close();
        }
    }

    /** The open connections stop delivering server frames (they are held) and never show the client a close. */
    void stall()
    {
        for (final Pipe pipe : pipes)
        {
            pipe.stalled = true;
        }
    }

    /** Text frames held by stalled connections. */
    int heldTextFrames()
    {
        int held = 0;
        for (final Pipe pipe : pipes)
        {
            held += pipe.heldText.get();
        }
        return held;
    }

    /** Server-to-client bytes per second from now on, on every connection; 0 for no limit. */
    void slow(final long limit)
    {
        this.bytesPerSecond = limit;
    }

    /** New connections are accepted and reset at once (open ones are left alone). */
    void refuse(final boolean refuse)
    {
        this.refusing = refuse;
    }

    /** The next server text frame whose payload matches is dropped, as if lost in the network; once. */
    void dropNextServerFrame(final Predicate<String> payload)
    {
        dropNext.set(payload);
    }

    int droppedFrames()
    {
        return dropped.get();
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        listener.close();
        cut();
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket client = listener.accept();
                accepted.incrementAndGet();
                if (refusing)
                {
                    reset(client);
                    continue;
                }
                final Socket upstream = new Socket();
                try
                {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
                }
                catch (final IOException ex)
                {
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                final Pipe pipe = new Pipe(client, upstream);
                pipes.add(pipe);
                pipe.start();
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    throw new IllegalStateException("proxy accept failed", ex);
                }
            }
        }
    }

    private static void reset(final Socket socket)
    {
        try
        {
            socket.setSoLinger(true, 0);
            socket.close();
        }
        catch (final IOException ex)
        {
            // Already gone.
        }
    }

    /** One proxied connection: a raw pump client to server, a frame-aware pump server to client. */
    private final class Pipe
    {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger heldText = new AtomicInteger();
        private volatile boolean stalled;
        private volatile boolean open = true;

        Pipe(final Socket client, final Socket upstream)
        {
            this.client = client;
            this.upstream = upstream;
        }

        void start()
        {
            final Thread up = new Thread(this::clientToServer, "proxy-c2s");
            final Thread down = new Thread(this::serverToClient, "proxy-s2c");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        void close()
        {
            open = false;
            pipes.remove(this);
            reset(client);
            reset(upstream);
        }

        private void clientToServer()
        {
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream())
            {
                final byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer))
                {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (final IOException ex)
            {
                // Either side went away.
            }
            close();
        }

        private void serverToClient()
        {
            try
            {
                final DataInputStream in = new DataInputStream(new BufferedInputStream(upstream.getInputStream()));
                final OutputStream out = client.getOutputStream();
                forward(out, upgradeResponse(in));
                while (open)
                {
                    final byte[] frame = readFrame(in);
                    if (shouldDrop(frame))
                    {
                        continue;
                    }
                    if (stalled)
                    {
                        // Held for good: a stalled connection is only ever cut or given up.
                        if (opcode(frame) == OPCODE_TEXT)
                        {
                            heldText.incrementAndGet();
                        }
                        continue;
                    }
                    forward(out, frame);
                }
            }
            catch (final IOException ex)
            {
                // The upstream closed or the pipe was cut. A stalled pipe swallows the close: the client hears nothing.
                if (stalled && open)
                {
                    return;
                }
            }
            close();
        }

        private boolean shouldDrop(final byte[] frame)
        {
            final Predicate<String> matcher = dropNext.get();
            if (matcher == null || opcode(frame) != OPCODE_TEXT)
            {
                return false;
            }
            final String payload = new String(frame, payloadOffset(frame), frame.length - payloadOffset(frame), StandardCharsets.UTF_8);
            if (matcher.test(payload) && dropNext.compareAndSet(matcher, null))
            {
                dropped.incrementAndGet();
                return true;
            }
            return false;
        }

        /** Writes in small chunks, paced to the configured rate: this is the simulated slow link, not a test waiting. */
        private void forward(final OutputStream out, final byte[] bytes) throws IOException
        {
            for (int from = 0; from < bytes.length; from += CHUNK)
            {
                final int length = Math.min(CHUNK, bytes.length - from);
                out.write(bytes, from, length);
                out.flush();
                final long limit = bytesPerSecond;
                if (limit > 0)
                {
                    LockSupport.parkNanos(length * 1_000_000_000L / limit);
                }
            }
        }
    }

    private static byte[] upgradeResponse(final DataInputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        final byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new EOFException("upstream closed during the upgrade");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** One whole frame, header included; server frames are not masked, but a mask is passed through if present. */
    private static byte[] readFrame(final DataInputStream in) throws IOException
    {
        final int b0 = in.readUnsignedByte();
        final int b1 = in.readUnsignedByte();
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(b0);
        frame.write(b1);
        long length = b1 & 0x7F;
        if (length == 126)
        {
            final int extended = in.readUnsignedShort();
            frame.write(extended >>> 8);
            frame.write(extended & 0xFF);
            length = extended;
        }
        else if (length == 127)
        {
            length = in.readLong();
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                frame.write((int)(length >>> shift) & 0xFF);
            }
        }
        if ((b1 & 0x80) != 0)
        {
            final byte[] mask = new byte[4];
            in.readFully(mask);
            frame.write(mask);
        }
        final byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        frame.write(payload);
        return frame.toByteArray();
    }

    private static int opcode(final byte[] frame)
    {
        return frame[0] & 0x0F;
    }

    private static int payloadOffset(final byte[] frame)
    {
        final int length = frame[1] & 0x7F;
        final int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        return 2 + extended + ((frame[1] & 0x80) != 0 ? 4 : 0);
    }
}
