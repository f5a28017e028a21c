package io.tokenfeed.transport;

import static io.tokenfeed.transport.TestServers.evm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.RejectedUpdate;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher endpoints over real sockets: acks, per-update validation, versions, authentication, HTTP codes. */
class IngestTest
{
    static final String KEY = "publisher-key-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TokenFeedServer server;

    @BeforeAll
    static void start()
    {
        server = TestServers.start("auth.publisher-keys", "other-key, " + KEY);
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    static String update(final String address, final String price, final long version)
    {
        return "{\"address\":\"" + address + "\",\"price\":\"" + price + "\",\"marketCap\":\"100\","
            + "\"volume\":{\"h24\":\"3\",\"h1\":\"2\",\"m5\":\"1\"}" + (version >= 0 ? ",\"version\":" + version : "") + "}";
    }

    static String batch(final long sequence, final List<String> updates)
    {
        return "{\"type\":\"token_batch\",\"sequence\":" + sequence + ",\"data\":{\"updates\":[" + String.join(",", updates) + "]}}";
    }

    private static WsTestClient publisher()
    {
        final WsTestClient publisher = WsTestClient.publisher(server.port(), KEY);
        assertThat(publisher.next(ConnectionMessage.class).status()).isEqualTo("connected");
        return publisher;
    }

    private static WsTestClient subscriber(final String... tokens)
    {
        final WsTestClient client = WsTestClient.connect(server.port());
        client.next(ConnectionMessage.class);
        client.send("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
            + List.of(tokens).stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}");
        client.next(SubscriptionResponse.class);
        return client;
    }

    @Test
    void shouldAckExactCountsForAMixedBatchAndDeliverOnlyValidUpdates()
    {
        final String good = evm(0x1001);
        final String alsoGood = "0x" + "AB".repeat(20);
        try (WsTestClient subscriber = subscriber(good, alsoGood.toLowerCase());
            WsTestClient publisher = publisher())
        {
            publisher.send(batch(44, List.of(
                update(good, "1.5", -1),
                update("bad-address", "1", -1),
                update(evm(0x1002), "1.", -1),
                "{\"address\":\"" + evm(0x1003) + "\",\"marketCap\":\"1\",\"volume\":{\"h24\":\"1\",\"h1\":\"1\",\"m5\":\"1\"}}",
                update(alsoGood, "2", -1))));

            final IngestAckMessage ack = publisher.next(IngestAckMessage.class);
            assertThat(ack.requestSequence()).isEqualTo(44);
            assertThat(ack.sequence()).isEqualTo(2);
            assertThat(ack.accepted()).isEqualTo(2);
            assertThat(ack.duplicates()).isZero();
            assertThat(ack.rejected()).extracting(RejectedUpdate::index, RejectedUpdate::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, ErrorCode.INVALID_TOKEN_ADDRESS),
                org.assertj.core.groups.Tuple.tuple(2, ErrorCode.INVALID_DECIMAL),
                org.assertj.core.groups.Tuple.tuple(3, ErrorCode.INVALID_MESSAGE));
            assertThat(ack.rejected().get(0).address()).isEqualTo("bad-address");
            assertThat(ack.rejected().get(2).message()).contains("price");

            final List<TokenData> delivered = new ArrayList<>();
            while (delivered.size() < 2)
            {
                final var m = subscriber.next().message();
                delivered.addAll(m instanceof TokenBatchMessage
                    ? ((TokenBatchMessage)m).updates() : List.of(((TokenUpdateMessage)m).data()));
            }
            assertThat(delivered).extracting(TokenData::address).containsExactly(good, alsoGood.toLowerCase());
            assertThat(delivered.get(0).version()).isEqualTo(1);
            assertThat(delivered.get(0).updatedAt()).isPositive();
        }
    }

    @Test
    void shouldCountDuplicatesAndStaleVersionsAndNotDeliverThem()
    {
        final String token = evm(0x2001);
        final String marker = evm(0x2002);
        try (WsTestClient subscriber = subscriber(token, marker);
            WsTestClient publisher = publisher())
        {
            publisher.send(batch(1, List.of(update(token, "5", 5))));
            assertThat(publisher.next(IngestAckMessage.class).accepted()).isEqualTo(1);
            assertThat(((TokenUpdateMessage)subscriber.next().message()).data().version()).isEqualTo(5);

            publisher.send(batch(2, List.of(update(token, "5-again", 5).replace("5-again", "5.0"), update(token, "4", 4),
                update(marker, "1", -1))));
            final IngestAckMessage ack = publisher.next(IngestAckMessage.class);
            assertThat(ack.accepted()).isEqualTo(1);
            assertThat(ack.duplicates()).isEqualTo(2);

            final TokenUpdateMessage next = (TokenUpdateMessage)subscriber.next().message();
            assertThat(next.data().address()).as("nothing stale before the marker").isEqualTo(marker);
        }
    }

    @Test
    void shouldAnswerABatchOver1000UpdatesWithBatchTooLarge()
    {
        try (WsTestClient publisher = publisher())
        {
            publisher.send(batch(9, IntStream.range(0, 1001).mapToObj(i -> update(evm(0x3000 + i), "1", -1)).toList()));

            final ErrorMessage error = publisher.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
            assertThat(error.level()).isEqualTo(ErrorLevel.ERROR);
            assertThat(error.requestSequence()).isEqualTo(9);
            publisher.send(batch(10, List.of(update(evm(0x3000), "1", -1))));
            assertThat(publisher.next(IngestAckMessage.class).accepted()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefusePublishersWithoutAValidKey()
    {
        for (final String key : new String[] {null, "wrong-key"})
        {
            try (WsTestClient refused = WsTestClient.connectNotAnsweringClose(server.port(), "/api/v1/ws/ingest", key))
            {
                final ConnectionMessage connection = refused.next(ConnectionMessage.class);
                assertThat(connection.status()).isEqualTo("error");
                assertThat(connection.sequence()).isEqualTo(1);
                final ErrorMessage error = refused.next(ErrorMessage.class);
                assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(error.level()).isEqualTo(ErrorLevel.FATAL);
                assertThat(error.sequence()).isEqualTo(2);
                assertThat(error.message()).doesNotContain("wrong-key");
                assertThat(refused.closeCode()).isEqualTo(1008);
            }
        }
        // The server closes refused sockets itself: it never waits for a refused client's close frame.
        org.awaitility.Awaitility.await().atMost(WsTestClient.TIMEOUT).until(() -> server.openWebSockets() == 0);
    }

    @Test
    void shouldAnswerHttpIngestWithTheContractStatusCodes() throws Exception
    {
        final String token = evm(0x4001);
        final String body = "{\"updates\":[" + update(token, "7.25", -1) + "," + update("nope", "1", -1) + "]}";

        final HttpResponse<String> ok = post(body, KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"type\":\"ingest_ack\"").contains("\"accepted\":1").contains("\"index\":1");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/tokens/" + token)).build(),
            HttpResponse.BodyHandlers.ofString()).body()).contains("\"price\":\"7.25\"");

        final HttpResponse<String> unauthorized = post(body, null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(post(body, "wrong").body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(post("{not json", KEY).statusCode()).isEqualTo(400);
        assertThat(post("{\"updates\":[" + IntStream.range(0, 1001).mapToObj(i -> update(token, "1", -1))
            .collect(Collectors.joining(",")) + "]}", KEY).body()).contains("BATCH_TOO_LARGE");
        final String padded = "{\"updates\":[" + update(token, "1", -1) + "],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        final HttpResponse<String> tooLarge = post(padded, KEY);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("MESSAGE_TOO_LARGE");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    static HttpResponse<String> post(final int port, final String body, final String key) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null)
        {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final String body, final String key) throws Exception
    {
        return post(server.port(), body, key);
    }
}
