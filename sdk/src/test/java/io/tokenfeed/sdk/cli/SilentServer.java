package io.tokenfeed.sdk.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket endpoint that accepts the upgrade, greets like a tokenfeed server (no resume, a one-minute heartbeat so the
 * client's watchdog stays quiet) and then reads everything and answers nothing: a server that stopped answering.
 */
final class SilentServer implements AutoCloseable
{
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String GREETING = "{\"type\":\"connection\",\"sequence\":1,\"timestamp\":1,\"data\":{\"status\":\"connected\","
        + "\"connectionId\":\"silent\",\"maxSubscriptions\":100,\"heartbeatIntervalMs\":60000,\"maxMessageBytes\":1048576,"
        + "\"resumeWindowMs\":0,\"serverVersion\":\"silent\"}}";

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException
    {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::acceptLoop, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException
    {
        listener.close();
        for (final Socket socket : sockets)
        {
            socket.close();
        }
    }

    private void acceptLoop()
    {
        try
        {
            while (true)
            {
                final Socket socket = listener.accept();
                sockets.add(socket);
                final Thread reader = new Thread(() -> serve(socket), "silent-connection");
                reader.setDaemon(true);
                reader.start();
            }
        }
        catch (final IOException ex)
        {
            // Closed: the test is over.
        }
    }

    private static void serve(final Socket socket)
    {
        try (socket)
        {
            final InputStream in = socket.getInputStream();
            final String request = readHeaders(in);
            final OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept(key(request)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final byte[] greeting = GREETING.getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {(byte)0x81, 126, (byte)(greeting.length >> 8), (byte)greeting.length});
            out.write(greeting);
            out.flush();
            final byte[] discard = new byte[4096];
            while (in.read(discard) >= 0)
            {
                // Read and never answer.
            }
        }
        catch (final IOException ex)
        {
            // The client let go.
        }
    }

    private static String readHeaders(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("the client went away during the upgrade");
            }
            headers.write(b);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    private static String key(final String request)
    {
        for (final String line : request.split("\r\n"))
        {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:"))
            {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no Sec-WebSocket-Key in " + request);
    }

    private static String accept(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
