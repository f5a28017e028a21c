package io.tokenfeed.transport.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A measuring tool, not a test: opens N subscriber connections to a running server, subscribes each to K of the
 * tokens the server lists (token {@code (i * K + j) % T} for connection i, so every token gets the same number of
 * subscribers), and every 10 s prints messages/s, token deliveries/s, sequence gaps and the client-side age of each
 * delivered update ({@code receive time - updatedAt}, ms). Interim until the perf module's harness exists.
 *
 * <pre>
 * java -cp ... io.tokenfeed.transport.tools.SubscriberSwarm [host:port] [connections] [subscriptionsEach] [seconds]
 * </pre>
 */
public final class SubscriberSwarm
{
    private static final Pattern ADDRESS = Pattern.compile("\"address\":\"([^\"]+)\"");
    private static final String SEQUENCE_KEY = "\"sequence\":";
    private static final String UPDATED_AT_KEY = "updatedAt\":";
    private static final String SNAPSHOT_TAIL = "\"snapshot\":true";

    private final Recorder ageMs = new Recorder(60_000, 3);
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final int ackEvery;

    public static void main(final String[] args) throws Exception
    {
        final String target = args.length > 0 ? args[0] : "127.0.0.1:8080";
        final int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        final int perConnection = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        final int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        final int ackEvery = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        new SubscriberSwarm(ackEvery).run(target, connections, perConnection, seconds);
    }

    /** @param ackEvery acknowledge after this many messages (0: never, the server's resume buffers stay full) */
    private SubscriberSwarm(final int ackEvery)
    {
        this.ackEvery = ackEvery;
    }

    private void run(final String target, final int connections, final int perConnection, final int seconds) throws Exception
    {
        final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        final String body = http.send(HttpRequest.newBuilder(URI.create("http://" + target + "/api/v1/tokens?limit=1000")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        final List<String> tokens = new ArrayList<>();
        final Matcher m = ADDRESS.matcher(body);
        while (m.find())
        {
            tokens.add(m.group(1));
        }
        System.out.printf("%d tokens listed; opening %d connections x %d subscriptions, ack every %d messages%n", tokens.size(),
            connections, perConnection, ackEvery);
        // Connect everyone first, then subscribe: connecting is slow for a client already busy receiving.
        final List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++)
        {
            sockets.add(http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + target + "/api/v1/ws/token-data"), new Counter()).get(10, TimeUnit.SECONDS));
        }
        for (int i = 0; i < connections; i++)
        {
            final StringBuilder request = new StringBuilder("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[");
            for (int j = 0; j < perConnection; j++)
            {
                request.append(j == 0 ? "\"" : ",\"").append(tokens.get((i * perConnection + j) % tokens.size())).append('"');
            }
            sockets.get(i).sendText(request.append("]}}"), true).join();
        }
        System.out.println("all connected and subscribed");
        final IntervalReport report = new IntervalReport(10, seconds);
        final long[] last = new long[2];
        report.run(elapsed ->
        {
            final Histogram h = ageMs.getIntervalHistogram();
            System.out.printf("t=%3ds messages/s=%d deliveries/s=%d gaps=%d acks=%d age_ms p50=%d p99=%d p99.9=%d max=%d%n", elapsed,
                (messages.get() - last[0]) / 10, (deliveries.get() - last[1]) / 10, gaps.get(), acks.get(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
            last[0] = messages.get();
            last[1] = deliveries.get();
        });
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    private final class Counter implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();
        private long lastSequence;
        private long sinceAck;
        private CompletableFuture<WebSocket> lastAck = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                onMessage(partial);
                partial.setLength(0);
                acknowledge(webSocket);
            }
            webSocket.request(1);
            return null;
        }

        /** Cumulative ack of what was processed, as the SDK does; skipped while the previous one is still being sent. */
        private void acknowledge(final WebSocket webSocket)
        {
            if (ackEvery > 0 && ++sinceAck >= ackEvery && lastAck.isDone())
            {
                lastAck = webSocket.sendText("{\"type\":\"ack\",\"data\":{\"sequence\":" + lastSequence + "}}", true);
                acks.incrementAndGet();
                sinceAck = 0;
            }
        }

        /** Cheap on purpose (the client shares the machine with the server): one pass, no copies. */
        private void onMessage(final CharSequence text)
        {
            messages.incrementAndGet();
            final long sequence = numberAfter(text, SEQUENCE_KEY, 0);
            if (sequence != lastSequence + 1)
            {
                gaps.incrementAndGet();
            }
            lastSequence = sequence;
            final long nowMs = System.currentTimeMillis();
            final int length = text.length();
            for (int i = 0; i < length; i++)
            {
                if (text.charAt(i) == 'u' && startsWith(text, i, UPDATED_AT_KEY))
                {
                    final long updatedAt = numberAfter(text, UPDATED_AT_KEY, i);
                    final int end = indexOf(text, '}', i);
                    if (!startsWith(text, end - SNAPSHOT_TAIL.length(), SNAPSHOT_TAIL))
                    {
                        ageMs.recordValue(Math.max(0, Math.min(60_000, nowMs - updatedAt)));
                        deliveries.incrementAndGet();
                    }
                    i = end;
                }
            }
        }

        private long numberAfter(final CharSequence text, final String key, final int from)
        {
            int i = from;
            while (!startsWith(text, i, key))
            {
                i++;
            }
            i += key.length();
            long value = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i)))
            {
                value = value * 10 + (text.charAt(i++) - '0');
            }
            return value;
        }

        private boolean startsWith(final CharSequence text, final int at, final String prefix)
        {
            if (at < 0 || at + prefix.length() > text.length())
            {
                return false;
            }
            for (int j = 0; j < prefix.length(); j++)
            {
                if (text.charAt(at + j) != prefix.charAt(j))
                {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(final CharSequence text, final char c, final int from)
        {
            for (int i = from; i < text.length(); i++)
            {
                if (text.charAt(i) == c)
                {
                    return i;
                }
            }
            return text.length();
        }
    }
}
