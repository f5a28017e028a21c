package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import io.tokenfeed.transport.metrics.Metric;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /metrics} against known traffic, parsed strictly: exact values, not "some number". */
class MetricsEndpointTest
{
    @Test
    void shouldCountConnectionsSubscriptionsAndMessagesExactlyWhenTheTrafficIsKnown() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("limits.max-connections", "3");
             WsTestClient a = WsTestClient.connect(server.port());
             WsTestClient b = WsTestClient.connect(server.port());
             WsTestClient c = WsTestClient.connect(server.port()))
        {
            final List<WsTestClient> clients = List.of(a, b, c);
            for (int t = 1; t <= 6; t++)
            {
                TestServers.publish(server, TestServers.evm(t), "1.0");
            }
            for (int i = 0; i < clients.size(); i++)
            {
                clients.get(i).next(ConnectionMessage.class);
                clients.get(i).send("{\"type\":\"subscription\",\"sequence\":1,\"data\":{\"action\":\"subscribe\",\"tokens\":[\""
                    + TestServers.evm(2 * i + 1) + "\",\"" + TestServers.evm(2 * i + 2) + "\"]}}");
                clients.get(i).next(SubscriptionResponse.class);
                clients.get(i).next(TokenBatchMessage.class);
            }
            // Each connection: one snapshot batch of its 2 tokens.
            awaitMetrics(server, Map.of("tokenfeed_connections{state=\"open\"}", 3.0, "tokenfeed_sessions", 3.0,
                "tokenfeed_subscriptions", 6.0, "tokenfeed_data_messages_sent_total", 3.0, "tokenfeed_deliveries_total", 6.0,
                "tokenfeed_tokens", 6.0, "tokenfeed_subscribed_tokens", 6.0));
            awaitMetrics(server, Map.of("tokenfeed_messages_sent_total{type=\"connection\"}", 3.0,
                "tokenfeed_messages_sent_total{type=\"subscription\"}", 3.0, "tokenfeed_messages_sent_total{type=\"token_batch\"}", 3.0,
                "tokenfeed_messages_received_total{endpoint=\"subscriber\",type=\"subscription\"}", 3.0,
                "tokenfeed_batch_entries_bucket{le=\"1.0\"}", 0.0, "tokenfeed_batch_entries_bucket{le=\"2.0\"}", 3.0,
                "tokenfeed_batch_entries_count", 3.0, "tokenfeed_batch_entries_sum", 6.0));

            try (WsTestClient refused = WsTestClient.connect(server.port()))
            {
                refused.next(ConnectionMessage.class);
                refused.next(ErrorMessage.class);
            }
            awaitMetrics(server, Map.of("tokenfeed_connections_refused_total{reason=\"connection_limit\"}", 1.0));

            a.close();
            // Its session stays, detached and with its subscriptions, for a resume within the window.
            awaitMetrics(server, Map.of("tokenfeed_connections_closed_total{reason=\"client_close\"}", 1.0,
                "tokenfeed_connections{state=\"open\"}", 2.0, "tokenfeed_sessions", 2.0, "tokenfeed_sessions_detached", 1.0,
                "tokenfeed_subscriptions", 6.0));

            TestServers.publish(server, TestServers.evm(3), "1.5");
            b.next(TokenUpdateMessage.class);
            // 6 states published at first, then this one: every stage saw 7 updates.
            awaitMetrics(server, Map.of("tokenfeed_data_messages_sent_total", 4.0, "tokenfeed_deliveries_total", 7.0,
                "tokenfeed_delivery_latency_seconds_count", 1.0, "tokenfeed_ring_dwell_seconds_count{stage=\"apply\"}", 7.0,
                "tokenfeed_ring_dwell_seconds_count{stage=\"encode\"}", 7.0, "tokenfeed_ring_dwell_seconds_count{stage=\"fanout\"}", 7.0));
            final Map<String, Double> series = scrape(server);
            assertThat(series.get("tokenfeed_ring_dwell_seconds_sum{stage=\"fanout\"}")).as("every update reaches fan-out after apply")
                .isGreaterThanOrEqualTo(series.get("tokenfeed_ring_dwell_seconds_sum{stage=\"apply\"}"));
        }
    }

    @Test
    void shouldCountErrorsByCodeAndIngestOutcomesExactly() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("auth.publisher-keys", "k");
             WsTestClient subscriber = WsTestClient.connect(server.port());
             WsTestClient publisher = WsTestClient.publisher(server.port(), "k"))
        {
            subscriber.next(ConnectionMessage.class);
            publisher.next(ConnectionMessage.class);
            subscriber.send("{");
            subscriber.send("{\"type\":\"subscription\"");
            subscriber.send("{\"type\":\"no_such_type\",\"data\":{}}");
            publisher.send(batch(1, update(TestServers.evm(1), 5), update(TestServers.evm(2), 5)));
            publisher.next(IngestAckMessage.class);
            // One not newer than the token's version, one with an invalid address.
            publisher.send(batch(2, update(TestServers.evm(1), 5), update("not-an-address", 6)));
            publisher.next(IngestAckMessage.class);

            awaitMetrics(server, Map.of("tokenfeed_errors_total{code=\"INVALID_MESSAGE\",level=\"error\"}", 2.0,
                "tokenfeed_errors_total{code=\"UNKNOWN_MESSAGE_TYPE\",level=\"error\"}", 1.0,
                "tokenfeed_errors_total{code=\"OVERLOADED\",level=\"error\"}", 0.0,
                "tokenfeed_ingest_updates_total{outcome=\"applied\"}", 2.0,
                "tokenfeed_ingest_updates_total{outcome=\"duplicate\"}", 1.0,
                "tokenfeed_ingest_updates_total{outcome=\"rejected\"}", 1.0,
                "tokenfeed_messages_received_total{endpoint=\"subscriber\",type=\"invalid\"}", 3.0,
                "tokenfeed_messages_received_total{endpoint=\"ingest\",type=\"token_data\"}", 2.0,
                "tokenfeed_messages_sent_total{type=\"ingest_ack\"}", 2.0, "tokenfeed_messages_sent_total{type=\"error\"}", 3.0));
            awaitMetrics(server, Map.of("tokenfeed_ingest_overloaded_total{endpoint=\"websocket\"}", 0.0));
        }
    }

    private static String batch(final long sequence, final String... updates)
    {
        return "{\"type\":\"token_batch\",\"sequence\":" + sequence + ",\"data\":{\"updates\":[" + String.join(",", updates) + "]}}";
    }

    private static String update(final String address, final long version)
    {
        return "{\"address\":\"" + address + "\",\"price\":\"1.5\",\"marketCap\":\"1000\",\"volume\":{\"h24\":\"3\",\"h1\":\"2\","
            + "\"m5\":\"1\"},\"version\":" + version + "}";
    }

    @Test
    void shouldServeTheTextFormatWithJvmMetricsAndEveryDeclaredFamily() throws Exception
    {
        try (TokenFeedServer server = TestServers.start())
        {
            final HttpResponse<String> response = TestServers.get(server, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            final Map<String, Double> series = ExpositionParser.parse(response.body());
            assertThat(series).containsKeys("jvm_memory_used_bytes{area=\"heap\"}", "jvm_threads_current", "tokenfeed_ring_slots",
                "tokenfeed_latency_budget_seconds", "tokenfeed_delivery_latency_seconds{quantile=\"0.99\"}");
            assertThat(series.get("tokenfeed_latency_budget_seconds")).isEqualTo(0.1);
            assertThat(series.keySet().stream().filter(k -> k.startsWith("jvm_gc_collection_seconds_count"))).isNotEmpty();
            // Every family but the two whose labels only appear with their first event.
            for (final Metric metric : EnumSet.complementOf(EnumSet.of(Metric.CONNECTIONS_CLOSED, Metric.CONNECTIONS_REFUSED)))
            {
                assertThat(response.body()).contains("# TYPE " + metric.prometheusName()
                    + (metric.type() == Metric.Type.COUNTER ? "_total counter" : " " + metric.type().name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    static Map<String, Double> scrape(final TokenFeedServer server) throws IOException, InterruptedException
    {
        return ExpositionParser.parse(TestServers.get(server, "/metrics").body());
    }

    private static void awaitMetrics(final TokenFeedServer server, final Map<String, Double> expected)
    {
        await().atMost(WsTestClient.TIMEOUT).untilAsserted(() -> assertThat(scrape(server)).containsAllEntriesOf(expected));
    }
}
