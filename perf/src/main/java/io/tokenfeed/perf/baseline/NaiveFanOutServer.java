package io.tokenfeed.perf.baseline;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.IngestDecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Baseline (a) of the perf issue: a fan-out server written the way most Java projects would — Undertow, every message
 * serialized per connection, broadcast in a loop on the thread that received the update, one WebSocket message per
 * delivery. It speaks the harness's subset of the protocol (greeting, subscribe, {@code token_update}, ingest with
 * acks). Not part of the product: it exists so tokenfeed's figures are ratios measured in the same run.
 *
 * <pre>
 * java -cp perf/target/tokenfeed-perf.jar io.tokenfeed.perf.baseline.NaiveFanOutServer 8098
 * </pre>
 */
public final class NaiveFanOutServer
{
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(() -> new JsonCodec(10_000, 1000, DecodeMode.ANY));

    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Undertow server;

    private NaiveFanOutServer(final int port)
    {
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(Handlers.path()
            .addExactPath("/api/v1/ws/token-data", Handlers.websocket((exchange, channel) -> open(channel, true)))
            .addExactPath("/api/v1/ws/ingest", Handlers.websocket((exchange, channel) -> open(channel, false)))).build();
    }

    public static void main(final String[] args)
    {
        final NaiveFanOutServer naive = new NaiveFanOutServer(args.length > 0 ? Integer.parseInt(args[0]) : 8098);
        naive.server.start();
        System.out.println("naive fan-out baseline listening on 127.0.0.1:" + (args.length > 0 ? args[0] : "8098"));
    }

    private void open(final WebSocketChannel channel, final boolean subscriber)
    {
        final Subscriber self = new Subscriber(channel);
        self.send(new ConnectionMessage(self.next(), System.currentTimeMillis(), ConnectionMessage.STATUS_CONNECTED,
            UUID.randomUUID().toString(), 1000, 15_000, 1_048_576, 0, "naive", null));
        channel.getReceiveSetter().set(new AbstractReceiveListener()
        {
            @Override
            protected void onFullTextMessage(final WebSocketChannel ws, final BufferedTextMessage message)
            {
                final byte[] bytes = message.getData().getBytes(StandardCharsets.UTF_8);
                if (subscriber)
                {
                    onSubscriberMessage(self, bytes);
                }
                else
                {
                    onPublisherMessage(self, bytes);
                }
            }
        });
        channel.addCloseTask(closed -> subscribers.values().forEach(set -> set.remove(self)));
        channel.resumeReceives();
    }

    private void onSubscriberMessage(final Subscriber self, final byte[] bytes)
    {
        final DecodeResult result = CODEC.get().decode(bytes, bytes.length);
        if (result.isSuccess() && result.message() instanceof SubscriptionRequest request
            && request.action() == SubscriptionAction.SUBSCRIBE)
        {
            for (final String token : request.tokens())
            {
                subscribers.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).add(self);
            }
            self.send(new SubscriptionResponse(self.next(), System.currentTimeMillis(), request.action(), request.tokens(),
                SubscriptionResponse.STATUS_SUCCESS, request.sequence(), request.tokens().size(), List.of()));
        }
    }

    /** The broadcast loop, on the IO thread that received the batch: serialize per connection, send per delivery. */
    private void onPublisherMessage(final Subscriber publisher, final byte[] bytes)
    {
        final IngestDecodeResult result = CODEC.get().decodeIngest(bytes, bytes.length);
        if (!result.isSuccess())
        {
            return;
        }
        for (final TokenData update : result.updates())
        {
            final long version = update.version() >= 0 ? update.version()
                : versions.computeIfAbsent(update.address(), a -> new AtomicLong()).incrementAndGet();
            final TokenData data = new TokenData(update.address(), update.price(), update.marketCap(), update.volume(),
                update.updatedAt() >= 0 ? update.updatedAt() : System.currentTimeMillis(), version, false, false);
            for (final Subscriber subscriber : subscribers.getOrDefault(update.address(), Set.of()))
            {
                subscriber.send(new TokenUpdateMessage(subscriber.next(), System.currentTimeMillis(), data));
            }
        }
        publisher.send(new IngestAckMessage(publisher.next(), System.currentTimeMillis(), result.requestSequence(),
            result.updates().size(), 0, List.of()));
    }

    private static final class Subscriber
    {
        private final WebSocketChannel channel;
        private final AtomicLong sequence = new AtomicLong();

        Subscriber(final WebSocketChannel channel)
        {
            this.channel = channel;
        }

        long next()
        {
            return sequence.incrementAndGet();
        }

        /** Sequence and send are not atomic across IO threads here; the harness's single publisher keeps them in order. */
        void send(final Message message)
        {
            WebSockets.sendText(new String(CODEC.get().encode(message), StandardCharsets.UTF_8), channel, null);
        }
    }
}
