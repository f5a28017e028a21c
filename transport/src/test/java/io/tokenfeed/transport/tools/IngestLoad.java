package io.tokenfeed.transport.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A measuring tool, not a test: P publishers send batches of B updates (T tokens, explicit rising versions,
 * {@code updatedAt} = send time) as fast as the server acks them, each with up to W batches in flight, for S seconds,
 * while one subscriber follows 100 of publisher 0's tokens. {@code shared} (default): all publishers write the same
 * tokens with interleaved versions, so many updates are duplicates; {@code disjoint}: each publisher has its own.
 * Prints accepted updates/s and the subscriber-side age of delivered updates ({@code receive - updatedAt}, ms) every
 * 5 s.
 *
 * <pre>
 * java -cp ... io.tokenfeed.transport.tools.IngestLoad host:port key publishers batch tokens window seconds \
 *     [shared|disjoint]
 * </pre>
 */
public final class IngestLoad
{
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final Recorder ageMs = new Recorder(60_000, 3);

    public static void main(final String[] args) throws Exception
    {
        final String target = args[0];
        final String key = args[1];
        final int publishers = Integer.parseInt(args[2]);
        final int batch = Integer.parseInt(args[3]);
        final int tokens = Integer.parseInt(args[4]);
        final int window = Integer.parseInt(args[5]);
        final int seconds = Integer.parseInt(args[6]);
        final boolean disjoint = args.length > 7 && "disjoint".equals(args[7]);
        new IngestLoad().run(target, key, publishers, batch, tokens, window, seconds, disjoint);
    }

    private void run(final String target, final String key, final int publishers, final int batch, final int tokens,
        final int window, final int seconds, final boolean disjoint) throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        final List<String> addresses = new ArrayList<>();
        for (int i = 0; i < tokens; i++)
        {
            addresses.add(String.format("0x%040x", 0xABC000 + i));
        }
        final StringBuilder subscribe = new StringBuilder("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[");
        for (int i = 0; i < Math.min(tokens, 100); i++)
        {
            subscribe.append(i == 0 ? "\"" : ",\"").append(addresses.get(i)).append('"');
        }
        final WebSocket subscriber = http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://" + target + "/api/v1/ws/token-data"), new AgeListener()).get(10, TimeUnit.SECONDS);
        subscriber.sendText(subscribe.append("]}}"), true).join();

        final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int p = 0; p < publishers; p++)
        {
            final int index = p;
            // shared: every publisher writes the same tokens with interleaved versions (many duplicates);
            // disjoint: publisher p owns its own T tokens (every update accepted).
            final List<String> own = disjoint ? offset(addresses, index) : addresses;
            runs.add(CompletableFuture.runAsync(() -> publish(http, target, key, index, publishers, batch, own, window, endNs)));
        }
        final long[] last = new long[1];
        new IntervalReport(5, seconds).run(elapsed ->
        {
            final Histogram h = ageMs.getIntervalHistogram();
            System.out.printf("t=%3ds accepted updates/s=%d acked messages=%d age_ms p50=%d p99=%d p99.9=%d max=%d%n", elapsed,
                (accepted.get() - last[0]) / 5, acks.get(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
            last[0] = accepted.get();
        });
        CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static List<String> offset(final List<String> addresses, final int publisher)
    {
        final List<String> own = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++)
        {
            own.add(publisher == 0 ? addresses.get(i) : String.format("0x%040x", 0xF00000 + publisher * 100_000 + i));
        }
        return own;
    }

    private void publish(final HttpClient http, final String target, final String key, final int p, final int publishers,
        final int batch, final List<String> addresses, final int window, final long endNs)
    {
        final Semaphore inFlight = new Semaphore(window);
        final WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
            .buildAsync(URI.create("ws://" + target + "/api/v1/ws/ingest"), new AckListener(inFlight)).join();
        long round = 0;
        int next = 0;
        while (System.nanoTime() < endNs)
        {
            inFlight.acquireUninterruptibly();
            final long nowMs = System.currentTimeMillis();
            final StringBuilder sb = new StringBuilder(batch * 160).append("{\"type\":\"token_batch\",\"data\":{\"updates\":[");
            for (int i = 0; i < batch; i++)
            {
                final long version = round * publishers + p + 1;
                sb.append(i == 0 ? "" : ",").append("{\"address\":\"").append(addresses.get(next)).append("\",\"price\":\"1.")
                    .append(version).append("\",\"marketCap\":\"1000\",\"volume\":{\"h24\":\"3\",\"h1\":\"2\",\"m5\":\"1\"},\"updatedAt\":")
                    .append(nowMs).append(",\"version\":").append(version).append('}');
                if (++next == addresses.size())
                {
                    next = 0;
                    round++;
                }
            }
            ws.sendText(sb.append("]}}"), true).join();
        }
        inFlight.acquireUninterruptibly(window);
        ws.abort();
    }

    private final class AckListener implements WebSocket.Listener
    {
        private final Semaphore inFlight;
        private final StringBuilder partial = new StringBuilder();

        AckListener(final Semaphore inFlight)
        {
            this.inFlight = inFlight;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                final String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"ingest_ack\""))
                {
                    final int at = text.indexOf("\"accepted\":") + 11;
                    int end = at;
                    while (Character.isDigit(text.charAt(end)))
                    {
                        end++;
                    }
                    accepted.addAndGet(Long.parseLong(text.substring(at, end)));
                    acks.incrementAndGet();
                    inFlight.release();
                }
                else if (text.startsWith("{\"type\":\"error\""))
                {
                    inFlight.release();
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private final class AgeListener implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                final long nowMs = System.currentTimeMillis();
                final String text = partial.toString();
                partial.setLength(0);
                int from = 0;
                while ((from = text.indexOf("\"updatedAt\":", from)) >= 0)
                {
                    from += 12;
                    long value = 0;
                    while (Character.isDigit(text.charAt(from)))
                    {
                        value = value * 10 + text.charAt(from++) - '0';
                    }
                    final int end = text.indexOf('}', from);
                    if (!text.startsWith("true", end - 4))
                    {
                        ageMs.recordValue(Math.max(0, Math.min(60_000, nowMs - value)));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
