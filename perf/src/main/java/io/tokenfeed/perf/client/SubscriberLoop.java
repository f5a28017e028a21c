package io.tokenfeed.perf.client;

import io.tokenfeed.perf.DeliveryRecorder;
import io.tokenfeed.perf.TokenPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thousands of subscriber connections driven by one thread and one selector: the harness's own client, light enough to
 * leave the machine to the server. Each message is scanned in place for its sequence and its entries' token and
 * version, which go to the {@link DeliveryRecorder} with the time the bytes were read. Server pings are answered.
 */
public final class SubscriberLoop implements AutoCloseable
{
    private static final byte[] SEQUENCE = JsonScan.ascii("\"sequence\":");
    private static final byte[] TYPE_UPDATE = JsonScan.ascii("{\"type\":\"token_update\"");
    private static final byte[] TYPE_BATCH = JsonScan.ascii("{\"type\":\"token_batch\"");
    private static final byte[] TYPE_SUBSCRIPTION = JsonScan.ascii("{\"type\":\"subscription\"");
    private static final byte[] TYPE_ERROR = JsonScan.ascii("{\"type\":\"error\"");
    private static final byte[] ADDRESS = JsonScan.ascii("\"address\":\"0x");
    private static final byte[] VERSION = JsonScan.ascii("\"version\":");
    private static final byte[] SNAPSHOT = JsonScan.ascii(",\"snapshot\":true");
    /** Hex digits of an address above the 16 that hold the harness's token number: zero for its own tokens. */
    private static final int HIGH_HEX_DIGITS = 24;

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final DeliveryRecorder recorder;
    private final TokenPlan plan;
    private final int ackEvery;
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger snapshotsComplete = new AtomicInteger();
    private long subscribeStartNs;
    private long subscriptionsSentNs;
    private long[] snapshotsDoneNs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String firstError;

    private final List<SocketChannel> stalled = new ArrayList<>();

    private SubscriberLoop(final DeliveryRecorder recorder, final TokenPlan plan, final int ackEvery) throws IOException
    {
        this.ackEvery = ackEvery;
        this.selector = Selector.open();
        this.recorder = recorder;
        this.plan = plan;
        this.thread = new Thread(this::run, "perf-subscribers");
    }

    /**
     * Opens every connection, then subscribes them all at once, then starts reading; returns once all subscriptions are
     * confirmed.
     *
     * @param stalledCount more connections that subscribe like the first ones and then never read (slow consumers)
     * @param ackEvery     each reading connection acknowledges after this many messages (0: never)
     */
    public static SubscriberLoop open(final InetSocketAddress address, final int count, final int subscriptions, final TokenPlan plan,
        final int stalledCount, final int ackEvery, final DeliveryRecorder recorder, final long timeoutMs) throws IOException
    {
        final SubscriberLoop loop = new SubscriberLoop(recorder, plan, ackEvery);
        for (int s = 0; s < stalledCount; s++)
        {
            final SocketChannel channel = WsHandshake.connect(address, "/api/v1/ws/token-data", null, ByteBuffer.allocate(64 * 1024), 4096);
            write(channel, subscription(plan, s % count, subscriptions));
            loop.stalled.add(channel);
        }
        final List<ByteBuffer> greetings = new ArrayList<>(count);
        final List<SocketChannel> channels = new ArrayList<>(count);
        for (int c = 0; c < count; c++)
        {
            final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            channels.add(WsHandshake.connect(address, "/api/v1/ws/token-data", null, in, 0));
            greetings.add(in);
        }
        // Frames built first, so "at once" means only the writes: the storm is timed from the first one.
        final List<ByteBuffer> requests = new ArrayList<>(count);
        for (int c = 0; c < count; c++)
        {
            requests.add(subscription(plan, c, subscriptions));
        }
        loop.subscribeStartNs = System.nanoTime();
        loop.snapshotsDoneNs = new long[count];
        for (int c = 0; c < count; c++)
        {
            final SocketChannel channel = channels.get(c);
            write(channel, requests.get(c));
            channel.configureBlocking(false);
            final Connection connection = loop.new Connection(c, channel, greetings.get(c).compact(), subscriptions);
            loop.connections.add(connection);
            channel.register(loop.selector, SelectionKey.OP_READ, connection);
        }
        loop.subscriptionsSentNs = System.nanoTime();
        loop.thread.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (loop.subscribed.get() < count)
        {
            if (System.nanoTime() > deadlineNs || loop.errors.get() > 0)
            {
                loop.close();
                throw new IOException(loop.subscribed.get() + " of " + count + " subscriptions confirmed; first error: " + loop.firstError);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        return loop;
    }

    private static ByteBuffer subscription(final TokenPlan plan, final int connection, final int subscriptions)
    {
        final StringBuilder request = new StringBuilder("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[");
        for (int j = 0; j < subscriptions; j++)
        {
            request.append(j == 0 ? "\"" : ",\"").append(plan.address(plan.token(connection, j))).append('"');
        }
        final byte[] payload = request.append("]}}").toString().getBytes(StandardCharsets.US_ASCII);
        return ClientFrames.frame(ClientFrames.TEXT, payload, payload.length);
    }

    private static void write(final SocketChannel channel, final ByteBuffer frame) throws IOException
    {
        while (frame.hasRemaining())
        {
            channel.write(frame);
        }
    }

    /** When the subscriptions started to go out (System.nanoTime()). */
    public long subscribeStartNs()
    {
        return subscribeStartNs;
    }

    /** When the last subscription had been written and reading started. */
    public long subscriptionsSentNs()
    {
        return subscriptionsSentNs;
    }

    /** Connections that have received a snapshot of every token they subscribed to. */
    public int snapshotsComplete()
    {
        return snapshotsComplete.get();
    }

    /** When each connection's last snapshot arrived (0: not yet); read after {@link #close()}. */
    public long[] snapshotsDoneNs()
    {
        return snapshotsDoneNs;
    }

    public int errors()
    {
        return errors.get();
    }

    public String firstError()
    {
        return firstError;
    }

    /** Connections the server closed. */
    public int closedConnections()
    {
        return closed.get();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                selector.select(100);
                final long receivedNs = System.nanoTime();
                for (final SelectionKey key : selector.selectedKeys())
                {
                    final Connection connection = (Connection)key.attachment();
                    if (key.isValid() && key.isWritable())
                    {
                        connection.flush(key);
                    }
                    if (key.isValid() && key.isReadable())
                    {
                        connection.read(key, receivedNs);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            firstError = "selector failed: " + ex;
            errors.incrementAndGet();
        }
    }

    /** Stops reading and closes every connection; the recorder is then safe to read. */
    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5000);
            for (final Connection connection : connections)
            {
                connection.channel.close();
            }
            for (final SocketChannel channel : stalled)
            {
                channel.close();
            }
            selector.close();
        }
        catch (final IOException ex)
        {
            // closing anyway
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private final class Connection implements ServerFrameReader.Handler
    {
        private final int index;
        private final SocketChannel channel;
        private final ServerFrameReader frames = new ServerFrameReader();
        private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        private final int subscriptions;
        private ByteBuffer in;
        private long receivedNs;
        private int snapshots;
        private long acked;

        Connection(final int index, final SocketChannel channel, final ByteBuffer in, final int subscriptions)
        {
            this.index = index;
            this.channel = channel;
            this.in = in;
            this.subscriptions = subscriptions;
        }

        void read(final SelectionKey key, final long nowNs) throws IOException
        {
            receivedNs = nowNs;
            final int read;
            try
            {
                read = channel.read(in);
            }
            catch (final IOException ex)
            {
                lost(key, "read failed: " + ex);
                return;
            }
            if (read < 0)
            {
                lost(key, "closed by the server");
                return;
            }
            in.flip();
            in = frames.read(in, this);
        }

        @Override
        public void onFrame(final int opcode, final byte[] bytes, final int offset, final int length)
        {
            if (opcode == ClientFrames.TEXT)
            {
                onText(bytes, offset, offset + length);
            }
            else if (opcode == ClientFrames.PING)
            {
                send(ClientFrames.frame(ClientFrames.PONG, java.util.Arrays.copyOfRange(bytes, offset, offset + length), length));
            }
        }

        private void onText(final byte[] bytes, final int from, final int end)
        {
            final int sequenceAt = JsonScan.after(bytes, from, Math.min(end, from + 64), SEQUENCE);
            if (sequenceAt > 0)
            {
                final long sequence = JsonScan.number(bytes, sequenceAt, end);
                recorder.onSequence(index, sequence);
                if (ackEvery > 0 && sequence - acked >= ackEvery)
                {
                    acked = sequence;
                    final byte[] ack = ("{\"type\":\"ack\",\"data\":{\"sequence\":" + sequence + "}}")
                        .getBytes(StandardCharsets.US_ASCII);
                    send(ClientFrames.frame(ClientFrames.TEXT, ack, ack.length));
                }
            }
            if (JsonScan.startsWith(bytes, from, end, TYPE_UPDATE) || JsonScan.startsWith(bytes, from, end, TYPE_BATCH))
            {
                onEntries(bytes, from, end);
            }
            else if (JsonScan.startsWith(bytes, from, end, TYPE_SUBSCRIPTION))
            {
                subscribed.incrementAndGet();
            }
            else if (JsonScan.startsWith(bytes, from, end, TYPE_ERROR))
            {
                if (errors.getAndIncrement() == 0)
                {
                    firstError = new String(bytes, from, end - from, StandardCharsets.UTF_8);
                }
            }
        }

        private void onEntries(final byte[] bytes, final int from, final int end)
        {
            int at = from;
            while ((at = JsonScan.after(bytes, at, end, ADDRESS)) > 0)
            {
                final int token = token(bytes, at);
                final int versionAt = JsonScan.after(bytes, at, end, VERSION);
                final int afterVersion = JsonScan.skipDigits(bytes, versionAt, end);
                if (!JsonScan.startsWith(bytes, afterVersion, end, SNAPSHOT))
                {
                    recorder.onDelivery(index, token, JsonScan.number(bytes, versionAt, end), receivedNs);
                }
                else if (++snapshots == subscriptions)
                {
                    snapshotsDoneNs[index] = receivedNs;
                    snapshotsComplete.incrementAndGet();
                }
                at = afterVersion;
            }
        }

        /** The harness's token number from a 40-hex-digit address, or -1 for an address it did not publish. */
        private int token(final byte[] bytes, final int hexAt)
        {
            for (int i = 0; i < HIGH_HEX_DIGITS; i++)
            {
                if (bytes[hexAt + i] != '0')
                {
                    return -1;
                }
            }
            long value = 0;
            for (int i = HIGH_HEX_DIGITS; i < 40; i++)
            {
                value = (value << 4) | Character.digit(bytes[hexAt + i], 16);
            }
            final long token = value - plan.tokenBase();
            return token >= 0 && token < plan.tokenCount() ? (int)token : -1;
        }

        private void send(final ByteBuffer frame)
        {
            pending.add(frame);
            try
            {
                flush(channel.keyFor(selector));
            }
            catch (final IOException ex)
            {
                lost(channel.keyFor(selector), "write failed: " + ex);
            }
        }

        void flush(final SelectionKey key) throws IOException
        {
            while (!pending.isEmpty())
            {
                final ByteBuffer frame = pending.peek();
                channel.write(frame);
                if (frame.hasRemaining())
                {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                pending.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private void lost(final SelectionKey key, final String why)
        {
            if (running)
            {
                closed.incrementAndGet();
                if (errors.getAndIncrement() == 0)
                {
                    firstError = "connection " + index + ": " + why;
                }
            }
            key.cancel();
        }
    }
}
