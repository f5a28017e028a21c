package io.tokenfeed.transport;

import static io.tokenfeed.transport.TestServers.evm;
import static io.tokenfeed.transport.TestServers.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every subscriber message type over real sockets against a real server. */
class SubscriberEndpointTest
{
    private static TokenFeedServer server;

    @BeforeAll
    static void start()
    {
        server = TestServers.start("limits.max-subscriptions", "2000", "limits.client-messages-per-second", "10000");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static WsTestClient connect()
    {
        final WsTestClient client = WsTestClient.connect(server.port());
        final ConnectionMessage hello = client.next(ConnectionMessage.class);
        assertThat(hello.sequence()).isEqualTo(1);
        return client;
    }

    private static String subscribe(final long sequence, final String action, final List<String> tokens)
    {
        return "{\"type\":\"subscription\",\"sequence\":" + sequence + ",\"data\":{\"action\":\"" + action + "\",\"tokens\":["
            + tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}";
    }

    @Test
    void shouldGreetWithConnectionMessage()
    {
        try (WsTestClient client = WsTestClient.connect(server.port()))
        {
            final ConnectionMessage hello = client.next(ConnectionMessage.class);
            assertThat(hello.status()).isEqualTo("connected");
            assertThat(hello.connectionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(hello.maxSubscriptions()).isEqualTo(2000);
            assertThat(hello.heartbeatIntervalMs()).isEqualTo(15000);
            assertThat(hello.maxMessageBytes()).isEqualTo(1048576);
            assertThat(hello.resumeWindowMs()).isEqualTo(60000);
            assertThat(hello.serverVersion()).isNotBlank();
            assertThat(hello.timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        }
    }

    @Test
    void shouldApplyValidTokensAndRejectInvalidOnesInOneRequest()
    {
        try (WsTestClient client = connect())
        {
            final String upper = "0x" + "AB".repeat(20);
            client.send(subscribe(11, "subscribe", List.of(upper, "not-a-token", "So11111111111111111111111111111111111111112")));

            final SubscriptionResponse response = client.next(SubscriptionResponse.class);
            assertThat(response.status()).isEqualTo("success");
            assertThat(response.requestSequence()).isEqualTo(11);
            assertThat(response.tokens()).containsExactly("0x" + "ab".repeat(20), "So11111111111111111111111111111111111111112");
            assertThat(response.rejected()).singleElement().satisfies(r ->
            {
                assertThat(r.token()).isEqualTo("not-a-token");
                assertThat(r.code()).isEqualTo(ErrorCode.INVALID_TOKEN_ADDRESS);
            });
            assertThat(response.subscriptionCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldSendSnapshotAfterTheResponseAndBeforeLiveUpdates()
    {
        final String token = evm(0xA1);
        publish(server, token, "10.5");
        try (WsTestClient client = connect())
        {
            client.send(subscribe(1, "subscribe", List.of(token)));

            final SubscriptionResponse response = client.next(SubscriptionResponse.class);
            final TokenUpdateMessage snapshot = client.next(TokenUpdateMessage.class);
            assertThat(snapshot.sequence()).isEqualTo(response.sequence() + 1);
            assertThat(snapshot.data().snapshot()).isTrue();
            assertThat(snapshot.data().price()).isEqualTo("10.5");

            publish(server, token, "11");
            final TokenUpdateMessage live = client.next(TokenUpdateMessage.class);
            assertThat(live.data().snapshot()).isFalse();
            assertThat(live.data().price()).isEqualTo("11");
            assertThat(live.data().version()).isGreaterThan(snapshot.data().version());
            assertThat(live.sequence()).isEqualTo(snapshot.sequence() + 1);
        }
    }

    @Test
    void shouldStopDeliveryAfterUnsubscribe()
    {
        final String dropped = evm(0xB1);
        final String kept = evm(0xB2);
        try (WsTestClient client = connect())
        {
            client.send(subscribe(1, "subscribe", List.of(dropped, kept)));
            client.next(SubscriptionResponse.class);
            client.send(subscribe(2, "unsubscribe", List.of(dropped)));
            final SubscriptionResponse response = client.next(SubscriptionResponse.class);
            assertThat(response.tokens()).containsExactly(dropped);
            assertThat(response.subscriptionCount()).isEqualTo(1);

            publish(server, dropped, "1");
            publish(server, kept, "2");

            // The ring orders both updates: anything of the dropped token would arrive before the kept one.
            final TokenUpdateMessage next = client.next(TokenUpdateMessage.class);
            assertThat(next.data().address()).isEqualTo(kept);
        }
    }

    @Test
    void shouldSplitALargeUpdateIntoBatchesWithinLimits()
    {
        final List<String> tokens = IntStream.range(0, 1500).mapToObj(i -> evm(0x10000 + i)).collect(Collectors.toList());
        try (WsTestClient client = connect())
        {
            // At most 1000 tokens per request: subscribe in two.
            client.send(subscribe(1, "subscribe", tokens.subList(0, 1000)));
            client.send(subscribe(2, "subscribe", tokens.subList(1000, 1500)));
            client.next(SubscriptionResponse.class);
            assertThat(client.next(SubscriptionResponse.class).subscriptionCount()).isEqualTo(1500);

            publish(server, tokens, "3.25");

            final Set<String> delivered = new HashSet<>();
            final List<Long> sequences = new ArrayList<>();
            int messages = 0;
            while (delivered.size() < tokens.size())
            {
                final WsTestClient.Received r = client.next();
                messages++;
                sequences.add(r.message().sequence());
                assertThat(r.raw().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1048576);
                final List<TokenData> entries = r.message() instanceof TokenBatchMessage
                    ? ((TokenBatchMessage)r.message()).updates() : List.of(((TokenUpdateMessage)r.message()).data());
                assertThat(entries).hasSizeLessThanOrEqualTo(1000);
                assertThat(entries.stream().map(TokenData::address).distinct().count()).isEqualTo(entries.size());
                entries.forEach(e -> assertThat(delivered.add(e.address())).isTrue());
            }
            assertThat(messages).isGreaterThanOrEqualTo(2);
            // Recorded just after each hand-off to the transport, so it may trail the client by a moment.
            await().atMost(WsTestClient.TIMEOUT)
                .until(() -> server.engine().latency().cumulative().getTotalCount() >= tokens.size());
            for (int i = 1; i < sequences.size(); i++)
            {
                assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
            }
        }
    }

    @Test
    void shouldAnswerPingWithHeartbeatAndKeepAcksSilent()
    {
        try (WsTestClient client = connect())
        {
            client.send("{\"type\":\"ack\",\"sequence\":3,\"data\":{\"sequence\":1}}");
            client.send("{\"type\":\"ping\",\"sequence\":4,\"data\":{}}");

            final HeartbeatMessage heartbeat = client.next(HeartbeatMessage.class);
            assertThat(heartbeat.sequence()).isEqualTo(2);
            assertThat(heartbeat.requestSequence()).isEqualTo(4);
        }
    }

    @Test
    void shouldSendIdleHeartbeatsAtTheConfiguredInterval()
    {
        try (TokenFeedServer quick = TestServers.start("connection.heartbeat-interval-ms", "200");
            WsTestClient client = WsTestClient.connect(quick.port()))
        {
            final ConnectionMessage hello = client.next(ConnectionMessage.class);
            final HeartbeatMessage first = client.next(HeartbeatMessage.class);
            final HeartbeatMessage second = client.next(HeartbeatMessage.class);

            assertThat(first.sequence()).isEqualTo(2);
            assertThat(second.sequence()).isEqualTo(3);
            // At least one interval of silence; the upper bound only guards against heartbeats that never come.
            assertThat(first.timestamp() - hello.timestamp()).isBetween(200L, 5_000L);
            assertThat(second.timestamp() - first.timestamp()).isBetween(200L, 5_000L);
        }
    }

    @Test
    void shouldRejectAnAckBeyondWhatWasSent()
    {
        try (WsTestClient client = connect())
        {
            client.send("{\"type\":\"ack\",\"sequence\":3,\"data\":{\"sequence\":50}}");

            final ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(error.requestSequence()).isEqualTo(3);
        }
    }

    @Test
    void shouldAnswerResumeWithResumeUnavailable()
    {
        try (WsTestClient client = connect())
        {
            client.send("{\"type\":\"resume\",\"sequence\":1,\"data\":{\"connectionId\":\"gone\",\"lastSequence\":4}}");

            final ResumeResponse response = client.next(ResumeResponse.class);
            assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
            assertThat(response.requestSequence()).isEqualTo(1);
            assertThat(response.subscriptions()).isEmpty();
        }
    }

    @Test
    void shouldKeepSequencesContiguousAcrossRequestsAndData()
    {
        final String token = evm(0xC1);
        try (WsTestClient client = connect())
        {
            client.send(subscribe(1, "subscribe", List.of(token)));
            for (int i = 0; i < 50; i++)
            {
                publish(server, token, "1." + i);
                client.send("{\"type\":\"ping\",\"data\":{}}");
            }
            long last = 1;
            int heartbeats = 0;
            while (heartbeats < 50)
            {
                final Message m = client.next().message();
                assertThat(m.sequence()).isEqualTo(last + 1);
                last = m.sequence();
                if (m instanceof HeartbeatMessage)
                {
                    heartbeats++;
                }
            }
        }
    }
}
