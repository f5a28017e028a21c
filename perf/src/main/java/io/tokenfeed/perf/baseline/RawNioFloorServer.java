package io.tokenfeed.perf.baseline;

import io.tokenfeed.perf.client.JsonScan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline (b) of the perf issue: the practical floor of this machine. One thread, one selector, raw NIO: each ingest
 * update's bytes are copied as they came into a frame per subscriber (a header with the connection's sequence, no
 * serialization), and every connection touched by an ingest message gets one write. No validation, no versions, no
 * limits, no guarantees: just what the harness needs to measure the cost of moving the bytes.
 *
 * <pre>
 * java -cp perf/target/tokenfeed-perf.jar io.tokenfeed.perf.baseline.RawNioFloorServer 8097
 * </pre>
 */
public final class RawNioFloorServer
{
    private static final byte[] HEADERS_END = JsonScan.ascii("\r\n\r\n");
    private static final byte[] KEY_HEADER = JsonScan.ascii("Sec-WebSocket-Key: ");
    private static final byte[] UPDATE_START = JsonScan.ascii("{\"address\":\"");
    private static final byte[] TOKENS = JsonScan.ascii("\"tokens\":[");
    private static final byte[] UPDATE_HEAD = JsonScan.ascii("{\"type\":\"token_update\",\"sequence\":");
    private static final byte[] DATA = JsonScan.ascii(",\"timestamp\":0,\"data\":");
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Selector selector;
    private final Map<String, List<Connection>> subscribers = new HashMap<>();
    private final List<Connection> dirty = new ArrayList<>();

    private RawNioFloorServer(final int port) throws IOException
    {
        selector = Selector.open();
        final ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(final String[] args) throws IOException
    {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 8097;
        final RawNioFloorServer floor = new RawNioFloorServer(port);
        System.out.println("raw NIO floor baseline listening on 127.0.0.1:" + port);
        floor.run();
    }

    private void run() throws IOException
    {
        while (true)
        {
            selector.select();
            for (final SelectionKey key : selector.selectedKeys())
            {
                if (key.isAcceptable())
                {
                    final SocketChannel channel = ((ServerSocketChannel)key.channel()).accept();
                    if (channel != null)
                    {
                        channel.configureBlocking(false);
                        channel.socket().setTcpNoDelay(true);
                        channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
                    }
                    continue;
                }
                final Connection connection = (Connection)key.attachment();
                try
                {
                    if (key.isValid() && key.isWritable())
                    {
                        connection.flush(key);
                    }
                    if (key.isValid() && key.isReadable())
                    {
                        connection.read(key);
                    }
                }
                catch (final IOException ex)
                {
                    key.cancel();
                    connection.channel.close();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void flushDirty() throws IOException
    {
        for (final Connection connection : dirty)
        {
            connection.dirty = false;
            connection.flush(connection.channel.keyFor(selector));
        }
        dirty.clear();
    }

    private final class Connection
    {
        private final SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        private ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        private boolean upgraded;
        private boolean subscriber;
        private boolean dirty;
        private long sequence;

        Connection(final SocketChannel channel)
        {
            this.channel = channel;
        }

        void read(final SelectionKey key) throws IOException
        {
            if (channel.read(in) < 0)
            {
                key.cancel();
                channel.close();
                return;
            }
            in.flip();
            if (!upgraded && !upgrade(key))
            {
                in.compact();
                return;
            }
            final byte[] bytes = in.array();
            while (in.remaining() >= 6)
            {
                final int at = in.position();
                long length = bytes[at + 1] & 0x7F;
                int header = 2;
                if (length == 126)
                {
                    if (in.remaining() < 8)
                    {
                        break;
                    }
                    length = in.getShort(at + 2) & 0xFFFF;
                    header = 4;
                }
                else if (length == 127)
                {
                    if (in.remaining() < 14)
                    {
                        break;
                    }
                    length = in.getLong(at + 2);
                    header = 10;
                }
                if (in.remaining() < header + 4 + length)
                {
                    if (header + 4 + length > in.capacity())
                    {
                        final ByteBuffer bigger = ByteBuffer.allocate((int)(header + 4 + length) * 2);
                        bigger.put(in);
                        in = bigger;
                        return;
                    }
                    break;
                }
                final int payload = at + header + 4;
                for (int i = 0; i < length; i++)
                {
                    bytes[payload + i] ^= bytes[at + header + (i & 3)];
                }
                if ((bytes[at] & 0x0F) == 0x1)
                {
                    onText(bytes, payload, payload + (int)length);
                }
                in.position(payload + (int)length);
            }
            in.compact();
            flushDirty();
        }

        private boolean upgrade(final SelectionKey key) throws IOException
        {
            final byte[] bytes = in.array();
            final int end = JsonScan.after(bytes, 0, in.limit(), HEADERS_END);
            if (end < 0)
            {
                return false;
            }
            final String request = new String(bytes, 0, end, StandardCharsets.US_ASCII);
            subscriber = request.startsWith("GET /api/v1/ws/token-data");
            final int keyAt = JsonScan.after(bytes, 0, end, KEY_HEADER);
            final String wsKey = new String(bytes, keyAt, request.indexOf('\r', keyAt) - keyAt, StandardCharsets.US_ASCII);
            append(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept(wsKey) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            text("{\"type\":\"connection\",\"sequence\":" + (++sequence) + ",\"data\":{\"status\":\"connected\"}}");
            in.position(end);
            upgraded = true;
            flush(key);
            return true;
        }

        private void onText(final byte[] bytes, final int from, final int end) throws IOException
        {
            if (subscriber)
            {
                int at = JsonScan.after(bytes, from, end, TOKENS);
                if (at <= 0)
                {
                    return; // an ack: the floor keeps nothing for a replay
                }
                while (at > 0 && at < end && bytes[at] != ']')
                {
                    final int close = at + 1 + indexOf(bytes, at + 1, end, (byte)'"');
                    subscribers.computeIfAbsent(new String(bytes, at + 1, close - at - 1, StandardCharsets.US_ASCII),
                        a -> new ArrayList<>()).add(this);
                    at = close + 1 + (bytes[close + 1] == ',' ? 1 : 0);
                }
                text("{\"type\":\"subscription\",\"sequence\":" + (++sequence) + ",\"data\":{\"status\":\"success\"}}");
                flush(channel.keyFor(selector));
                return;
            }
            int updates = 0;
            int at = from;
            while ((at = JsonScan.after(bytes, at, end, UPDATE_START)) > 0)
            {
                final int start = at - UPDATE_START.length;
                final int addressEnd = at + indexOf(bytes, at, end, (byte)'"');
                final int objectEnd = objectEnd(bytes, start, end);
                final List<Connection> targets = subscribers.get(new String(bytes, at, addressEnd - at, StandardCharsets.US_ASCII));
                if (targets != null)
                {
                    for (final Connection target : targets)
                    {
                        target.update(bytes, start, objectEnd);
                    }
                }
                updates++;
                at = objectEnd;
            }
            text("{\"type\":\"ingest_ack\",\"sequence\":" + (++sequence) + ",\"data\":{\"accepted\":" + updates + "}}");
            markDirty();
        }

        /** One {@code token_update} frame: the connection's header, then the update's bytes as they came. */
        private void update(final byte[] bytes, final int start, final int end)
        {
            final byte[] digits = Long.toString(++sequence).getBytes(StandardCharsets.US_ASCII);
            final int length = UPDATE_HEAD.length + digits.length + DATA.length + (end - start) + 1;
            frameHeader(length);
            out.put(UPDATE_HEAD).put(digits).put(DATA).put(bytes, start, end - start).put((byte)'}');
            markDirty();
        }

        private void markDirty()
        {
            if (!dirty)
            {
                dirty = true;
                RawNioFloorServer.this.dirty.add(this);
            }
        }

        private void text(final String json)
        {
            final byte[] payload = json.getBytes(StandardCharsets.US_ASCII);
            frameHeader(payload.length);
            out.put(payload);
        }

        private void frameHeader(final int length)
        {
            ensure(length + 4);
            out.put((byte)0x81);
            if (length < 126)
            {
                out.put((byte)length);
            }
            else
            {
                out.put((byte)126).putShort((short)length);
            }
        }

        private void append(final byte[] bytes)
        {
            ensure(bytes.length);
            out.put(bytes);
        }

        private void ensure(final int more)
        {
            if (out.remaining() < more)
            {
                final ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }

        void flush(final SelectionKey key) throws IOException
        {
            out.flip();
            channel.write(out);
            out.compact();
            key.interestOps(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private static int indexOf(final byte[] bytes, final int from, final int end, final byte b)
    {
        for (int i = from; i < end; i++)
        {
            if (bytes[i] == b)
            {
                return i - from;
            }
        }
        return end - from;
    }

    /** End (exclusive) of the JSON object starting at {@code start}; strings hold no braces in the harness's updates. */
    private static int objectEnd(final byte[] bytes, final int start, final int end)
    {
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            if (bytes[i] == '{')
            {
                depth++;
            }
            else if (bytes[i] == '}' && --depth == 0)
            {
                return i + 1;
            }
        }
        return end;
    }

    private static String accept(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
