package io.tokenfeed.perf;

import io.tokenfeed.perf.client.ClientFrames;
import io.tokenfeed.perf.client.JsonScan;
import io.tokenfeed.perf.client.ServerFrameReader;
import io.tokenfeed.perf.client.WsHandshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the plan through {@code /api/v1/ws/ingest} on a fixed schedule (open loop): batch {@code b} leaves when its
 * first update is due, whether or not earlier batches were acknowledged, and a late batch leaves at once — its lateness
 * shows in the corrected latency, and is reported. A reader thread counts the {@code ingest_ack}s.
 */
public final class IngestPublisher implements AutoCloseable
{
    private static final byte[] ACCEPTED = JsonScan.ascii("\"accepted\":");
    private static final byte[] TYPE_ACK = JsonScan.ascii("{\"type\":\"ingest_ack\"");
    private static final byte[] TYPE_ERROR = JsonScan.ascii("{\"type\":\"error\"");

    private final SocketChannel channel;
    private final TokenPlan plan;
    private final HarnessOptions options;
    private final AtomicLongArray batchSentNs;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refusedBatches = new AtomicLong();
    private final Thread reader;
    private final ByteBuffer firstBytes;
    /** What arrived after the greeting (write mode), for the ack reader. */
    private final ByteBuffer leftover;
    private volatile String firstRefusal;
    private long maxLagNs;
    private long lateBatches;
    private long batchesSent;
    private long updatesSent;

    public IngestPublisher(final InetSocketAddress address, final TokenPlan plan, final HarnessOptions options,
        final AtomicLongArray batchSentNs) throws IOException
    {
        this.plan = plan;
        this.options = options;
        this.batchSentNs = batchSentNs;
        this.firstBytes = ByteBuffer.allocate(64 * 1024);
        this.channel = WsHandshake.connect(address, "/api/v1/ws/ingest", "Bearer " + options.publisherKey(), firstBytes, 0);
        this.leftover = awaitGreeting();
        this.reader = new Thread(this::readAcks, "perf-publisher-acks");
        reader.setDaemon(true);
        reader.start();
    }

    /** The server may refuse the publisher after the upgrade (no key, no room): say why instead of failing later. */
    private ByteBuffer awaitGreeting() throws IOException
    {
        final String[] greeting = new String[1];
        final ServerFrameReader frames = new ServerFrameReader();
        ByteBuffer in = firstBytes;
        while (true)
        {
            in = frames.read(in, (opcode, bytes, offset, length) ->
            {
                if (greeting[0] == null && opcode == ClientFrames.TEXT)
                {
                    greeting[0] = new String(bytes, offset, length, StandardCharsets.UTF_8);
                }
            });
            if (greeting[0] != null)
            {
                break;
            }
            if (channel.read(in) < 0)
            {
                throw new IOException("the ingest endpoint closed the connection before its greeting");
            }
            in.flip();
        }
        if (!greeting[0].contains("\"status\":\"connected\""))
        {
            final ByteBuffer rest = in.flip();
            final byte[] more = new byte[rest.remaining()];
            rest.get(more);
            throw new IOException("publisher refused: " + greeting[0] + " " + new String(more, StandardCharsets.UTF_8));
        }
        return in;
    }

    /** Batches needed to publish {@code seconds} of the schedule. */
    public static int batchesFor(final HarnessOptions options, final int seconds)
    {
        return (int)(((long)options.rate() * seconds + options.batch() - 1) / options.batch());
    }

    /** Sends every batch of the schedule that starts at {@code startNs}; returns the updates sent. */
    public long run(final long startNs, final int batches) throws IOException
    {
        final StringBuilder json = new StringBuilder(options.batch() * 160);
        for (int b = 0; b < batches; b++)
        {
            final long first = (long)b * options.batch();
            final long dueNs = startNs + plan.dueNs(first);
            long nowNs = System.nanoTime();
            while (nowNs < dueNs)
            {
                LockSupport.parkNanos(dueNs - nowNs);
                nowNs = System.nanoTime();
            }
            maxLagNs = Math.max(maxLagNs, nowNs - dueNs);
            if (nowNs - dueNs > LoadHarness.MAX_PUBLISHER_LAG_NS)
            {
                lateBatches++;
            }
            batchesSent++;
            json.setLength(0);
            json.append("{\"type\":\"token_batch\",\"sequence\":").append(b).append(",\"data\":{\"updates\":[");
            for (long k = first; k < first + options.batch(); k++)
            {
                final long version = plan.versionOf(k);
                json.append(k == first ? "" : ",").append("{\"address\":\"").append(plan.address(plan.tokenOf(k)))
                    .append("\",\"price\":\"").append(version).append(".25\",\"marketCap\":\"1000000\",")
                    .append("\"volume\":{\"h24\":\"30\",\"h1\":\"2\",\"m5\":\"1\"},\"version\":").append(version).append('}');
            }
            final byte[] payload = json.append("]}}").toString().getBytes(StandardCharsets.US_ASCII);
            final ByteBuffer frame = ClientFrames.frame(ClientFrames.TEXT, payload, payload.length);
            batchSentNs.set(b, System.nanoTime());
            while (frame.hasRemaining())
            {
                channel.write(frame);
            }
            updatesSent += options.batch();
        }
        return updatesSent;
    }

    /** How late the latest batch left compared with its schedule. */
    public long maxLagNs()
    {
        return maxLagNs;
    }

    /**
     * True when more than 1 % of the batches left later than {@link LoadHarness#MAX_PUBLISHER_LAG_NS}: the harness did not
     * hold the target rate (a single late batch is a pause, not a shortfall).
     */
    public boolean heldRate()
    {
        return lateBatches * 100 <= batchesSent;
    }

    public long accepted()
    {
        return accepted.get();
    }

    /** Batches answered with an error (e.g. {@code OVERLOADED}): their updates never entered the pipeline. */
    public long refusedBatches()
    {
        return refusedBatches.get();
    }

    public String firstRefusal()
    {
        return firstRefusal;
    }

    private void readAcks()
    {
        final ServerFrameReader frames = new ServerFrameReader();
        ByteBuffer in = leftover;
        try
        {
            do
            {
                in.flip();
                in = frames.read(in, (opcode, bytes, offset, length) ->
                {
                    if (opcode != ClientFrames.TEXT)
                    {
                        return;
                    }
                    final int end = offset + length;
                    if (JsonScan.startsWith(bytes, offset, end, TYPE_ACK))
                    {
                        accepted.addAndGet(JsonScan.number(bytes, JsonScan.after(bytes, offset, end, ACCEPTED), end));
                    }
                    else if (JsonScan.startsWith(bytes, offset, end, TYPE_ERROR))
                    {
                        if (refusedBatches.getAndIncrement() == 0)
                        {
                            firstRefusal = new String(bytes, offset, length, StandardCharsets.UTF_8);
                        }
                    }
                });
            }
            while (channel.read(in) >= 0);
        }
        catch (final IOException ex)
        {
            // closed at the end of the run
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
