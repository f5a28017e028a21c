package io.tokenfeed.perf.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A blocking WebSocket upgrade on a fresh socket; what arrives after the response headers is left in the buffer. */
public final class WsHandshake
{
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private WsHandshake()
    {
    }

    /**
     * @param authorization the {@code Authorization} header value, or null
     * @param into          receives any bytes after the headers (the first frames), in read mode
     * @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's (small: a reader that stalls fills up fast)
     */
    public static SocketChannel connect(final InetSocketAddress address, final String path, final String authorization,
        final ByteBuffer into, final int receiveBuffer) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        if (receiveBuffer > 0)
        {
            channel.socket().setReceiveBufferSize(receiveBuffer);
        }
        channel.connect(address);
        channel.socket().setTcpNoDelay(true);
        final String key = Base64.getEncoder().encodeToString(("tokenfeed-perf-" + System.nanoTime()).substring(0, 16)
            .getBytes(StandardCharsets.US_ASCII));
        final String request = "GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        final ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining())
        {
            channel.write(out);
        }
        into.clear();
        int headersEnd;
        while ((headersEnd = indexOf(into, HEADERS_END)) < 0)
        {
            if (channel.read(into) < 0 || !into.hasRemaining())
            {
                channel.close();
                throw new IOException("no upgrade response from " + address);
            }
        }
        final String status = new String(into.array(), 0, Math.min(headersEnd, 64), StandardCharsets.US_ASCII);
        if (!status.startsWith("HTTP/1.1 101"))
        {
            channel.close();
            throw new IOException("upgrade refused by " + address + ": " + status);
        }
        into.flip();
        into.position(headersEnd + HEADERS_END.length);
        return channel;
    }

    private static int indexOf(final ByteBuffer buffer, final byte[] pattern)
    {
        final byte[] bytes = buffer.array();
        for (int i = 0, last = buffer.position() - pattern.length; i <= last; i++)
        {
            int j = 0;
            while (j < pattern.length && bytes[i + j] == pattern[j])
            {
                j++;
            }
            if (j == pattern.length)
            {
                return i;
            }
        }
        return -1;
    }
}
