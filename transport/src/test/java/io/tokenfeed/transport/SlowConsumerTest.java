package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.engine.fanout.DeliveryStats;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One client stops reading while 100 healthy clients receive a steady stream: the stalled one is held back and
 * conflated, then told {@code SLOW_CONSUMER} and closed with 4001; the healthy ones receive every version of every
 * token, in sequence. Their latency with and without the stalled client is compared in the perf module
 * ({@code SlowConsumerLatencyTest}), with the harness's light client: 100 JDK clients in this JVM put their p99
 * anywhere between 20 and 180 ms from one run to the next, with or without a stalled client.
 */
class SlowConsumerTest
{
    private static final int HEALTHY = 100;
    private static final int TOKENS = 50;
    private static final int ROUNDS = 60;
    private static final long ROUND_INTERVAL_NS = 50_000_000L;

    private final List<String> tokens = IntStream.rangeClosed(1, TOKENS).mapToObj(TestServers::evm).toList();

    @Test
    void shouldConflateThenCloseAStalledClientWhileHealthyClientsReceiveEveryUpdate() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("delivery.slow-consumer-timeout-ms", "1000");
             RawWebSocket stalled = new RawWebSocket(server.port(), "/api/v1/ws/token-data", 4096))
        {
            assertThat(decode(stalled.next())).isInstanceOf(ConnectionMessage.class);
            stalled.sendText(subscribeJson());
            assertThat(decode(stalled.next())).isInstanceOf(SubscriptionResponse.class);
            streamToHealthyClients(server);

            // The kernel's socket buffers took what was sent so far; as the stream goes on, data backs up in the server,
            // which holds the connection back (conflating) instead of queueing more, until the timeout closes it.
            final DeliveryStats stats = server.engine().deliveryStats();
            int round = ROUNDS;
            boolean held = false;
            final long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stats.slowConsumers() == 0 && System.nanoTime() < deadlineNs)
            {
                publishRound(server.engine(), ++round);
                held |= stats.heldSessions() == 1;
                LockSupport.parkNanos(ROUND_INTERVAL_NS / 10);
            }
            assertThat(held).as("the stalled connection was held back").isTrue();
            assertThat(stats.slowConsumers()).isEqualTo(1);
            assertThat(stats.conflatedUpdates()).as("the stalled client's updates were conflated").isPositive();
            assertStalledClientEndsWithSlowConsumer(stalled, (long)TOKENS * round);
        }
    }

    /** Every healthy client receives every version of every token, in sequence. */
    private void streamToHealthyClients(final TokenFeedServer server)
    {
        final List<WsTestClient> clients = new ArrayList<>();
        try
        {
            for (int c = 0; c < HEALTHY; c++)
            {
                final WsTestClient client = WsTestClient.connect(server.port());
                clients.add(client);
                client.next(ConnectionMessage.class);
                client.send(subscribeJson());
            }
            for (final WsTestClient client : clients)
            {
                client.until(m -> m instanceof SubscriptionResponse);
            }
            publishRounds(server.engine());
            for (final WsTestClient client : clients)
            {
                assertEveryVersionArrived(client);
            }
        }
        finally
        {
            clients.forEach(WsTestClient::close);
        }
    }

    /** Every token once per round, versions 1..ROUNDS, on a fixed schedule, each stamped with its publication time. */
    private void publishRounds(final TokenFeedEngine engine)
    {
        final long startNs = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++)
        {
            LockSupport.parkNanos(startNs + round * ROUND_INTERVAL_NS - System.nanoTime());
            publishRound(engine, round);
        }
    }

    private void publishRound(final TokenFeedEngine engine, final int round)
    {
        final int[] ids = tokens.stream().mapToInt(a -> engine.tokens().intern(a)).toArray();
        final long nowMs = System.currentTimeMillis();
        final List<TokenData> updates = new ArrayList<>(TOKENS);
        for (final String address : tokens)
        {
            updates.add(new TokenData(address, Integer.toString(round), "1000", new Volume("3", "2", "1"), nowMs, round, false, false));
        }
        while (!engine.publisher().tryPublishAll(ids, updates, nowMs))
        {
            Thread.onSpinWait();
        }
    }

    private static void assertEveryVersionArrived(final WsTestClient client)
    {
        final Map<String, Long> versions = new HashMap<>();
        long lastSequence = -1;
        int complete = 0;
        while (complete < TOKENS)
        {
            final WsTestClient.Received received = client.next();
            final Message message = received.message();
            assertThat(lastSequence < 0 || message.sequence() == lastSequence + 1).as("contiguous: %s", received.raw()).isTrue();
            lastSequence = message.sequence();
            for (final TokenData data : TrackedSubscriber.entries(message))
            {
                final long previous = versions.getOrDefault(data.address(), 0L);
                assertThat(data.version()).as("every version of %s, in order", data.address()).isEqualTo(previous + 1);
                versions.put(data.address(), data.version());
                if (data.version() == ROUNDS)
                {
                    complete++;
                }
            }
        }
    }

    /** Reads what the server had queued before it gave up: contiguous, conflated, then the error and the 4001 close. */
    private static void assertStalledClientEndsWithSlowConsumer(final RawWebSocket stalled, final long published) throws Exception
    {
        long lastSequence = 2; // connection and subscription were read before the client stalled
        long tokenEntries = 0;
        while (true)
        {
            final RawWebSocket.Frame frame = stalled.next();
            if (frame.opcode() == 0x8)
            {
                assertThat(frame.closeCode()).isEqualTo(4001);
                break;
            }
            final Message message = decode(frame);
            assertThat(message.sequence()).isEqualTo(lastSequence + 1);
            lastSequence = message.sequence();
            tokenEntries += TrackedSubscriber.entries(message).size();
            if (message instanceof ErrorMessage error)
            {
                assertThat(error.code()).isEqualTo(ErrorCode.SLOW_CONSUMER);
                assertThat(error.retryAfterMs()).isPositive();
            }
        }
        assertThat(tokenEntries).as("fewer entries than published: conflated").isLessThan(published);
    }

    private static Message decode(final RawWebSocket.Frame frame)
    {
        final DecodeResult result = new JsonCodec(10_000, 1000, DecodeMode.FROM_SERVER).decode(frame.payload(), frame.payload().length);
        assertThat(result.isSuccess()).as(new String(frame.payload(), StandardCharsets.UTF_8)).isTrue();
        return result.message();
    }

    private String subscribeJson()
    {
        return "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
            + tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}";
    }
}
