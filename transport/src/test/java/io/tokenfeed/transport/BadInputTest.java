package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.SubscriptionResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed input is answered as the contract says, and the same connection keeps working afterwards. */
class BadInputTest
{
    private static TokenFeedServer server;

    @BeforeAll
    static void start()
    {
        server = TestServers.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    static Stream<Arguments> badMessages()
    {
        final String hugeTokens = IntStream.range(0, 10_000).mapToObj(i -> "\"" + TestServers.evm(i) + "\"")
            .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
            Arguments.of("malformed JSON", "{\"type\":\"ping\",", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("not an object", "[1,2,3]", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("a bare string", "\"ping\"", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("empty text", "", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("trailing garbage", "{\"type\":\"ping\",\"data\":{}}xyz", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("missing type", "{\"sequence\":5,\"data\":{}}", ErrorCode.INVALID_MESSAGE, 5L),
            Arguments.of("numeric type", "{\"type\":7,\"sequence\":6,\"data\":{}}", ErrorCode.INVALID_MESSAGE, 6L),
            Arguments.of("unknown type", "{\"type\":\"teleport\",\"sequence\":8,\"data\":{}}", ErrorCode.UNKNOWN_MESSAGE_TYPE, 8L),
            Arguments.of("server-only type", "{\"type\":\"heartbeat\",\"sequence\":9,\"data\":{}}", ErrorCode.UNKNOWN_MESSAGE_TYPE, 9L),
            Arguments.of("fractional sequence", "{\"type\":\"ping\",\"sequence\":1.5,\"data\":{}}", ErrorCode.INVALID_MESSAGE, -1L),
            Arguments.of("data not an object",
                "{\"type\":\"subscription\",\"sequence\":10,\"data\":[]}", ErrorCode.INVALID_MESSAGE, 10L),
            Arguments.of("tokens not an array",
                "{\"type\":\"subscription\",\"sequence\":11,\"data\":{\"action\":\"subscribe\",\"tokens\":\"x\"}}",
                ErrorCode.INVALID_MESSAGE, 11L),
            Arguments.of("tokens empty",
                "{\"type\":\"subscription\",\"sequence\":12,\"data\":{\"action\":\"subscribe\",\"tokens\":[]}}",
                ErrorCode.INVALID_MESSAGE, 12L),
            Arguments.of("token of the wrong type",
                "{\"type\":\"subscription\",\"sequence\":13,\"data\":{\"action\":\"subscribe\",\"tokens\":[42]}}",
                ErrorCode.INVALID_MESSAGE, 13L),
            Arguments.of("unknown action",
                "{\"type\":\"subscription\",\"sequence\":14,\"data\":{\"action\":\"watch\",\"tokens\":[\"" + TestServers.evm(1) + "\"]}}",
                ErrorCode.INVALID_MESSAGE, 14L),
            Arguments.of("10,000 tokens",
                "{\"type\":\"subscription\",\"sequence\":15,\"data\":{\"action\":\"subscribe\",\"tokens\":" + hugeTokens + "}}",
                ErrorCode.INVALID_MESSAGE, 15L),
            Arguments.of("ack without sequence", "{\"type\":\"ack\",\"sequence\":16,\"data\":{}}", ErrorCode.INVALID_MESSAGE, 16L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void shouldAnswerBadInputWithAnErrorAndKeepTheConnection(
        final String name, final String text, final ErrorCode code, final long requestSequence)
    {
        try (WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);

            client.send(text);

            final ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(code);
            assertThat(error.level()).isEqualTo(ErrorLevel.ERROR);
            assertThat(error.message()).isNotBlank();
            assertThat(error.requestSequence()).isEqualTo(requestSequence);
            assertThat(error.sequence()).isEqualTo(2);
            assertWorks(client, 3);
        }
    }

    @Test
    void shouldRejectThe101stSubscriptionAndKeepTheFirst100()
    {
        try (WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);
            final String first100 = IntStream.range(0, 100).mapToObj(i -> "\"" + TestServers.evm(0x5000 + i) + "\"")
                .collect(Collectors.joining(","));
            client.send("{\"type\":\"subscription\",\"sequence\":1,\"data\":{\"action\":\"subscribe\",\"tokens\":[" + first100 + "]}}");
            assertThat(client.next(SubscriptionResponse.class).subscriptionCount()).isEqualTo(100);

            client.send("{\"type\":\"subscription\",\"sequence\":2,\"data\":{\"action\":\"subscribe\",\"tokens\":[\""
                + TestServers.evm(0x6000) + "\"]}}");

            final SubscriptionResponse response = client.next(SubscriptionResponse.class);
            assertThat(response.status()).isEqualTo("error");
            assertThat(response.subscriptionCount()).isEqualTo(100);
            assertThat(response.rejected()).singleElement().satisfies(r ->
            {
                assertThat(r.code()).isEqualTo(ErrorCode.SUBSCRIPTION_LIMIT);
                assertThat(r.token()).isEqualTo(TestServers.evm(0x6000));
            });
        }
    }

    @Test
    void shouldAnswerMessageTooLargeThenCloseWith1009WhenAMessageExceedsTheLimit()
    {
        try (WsTestClient client = WsTestClient.connect(server.port());
            WsTestClient neighbour = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);
            neighbour.next(ConnectionMessage.class);

            // 1 MB + 1 byte in all.
            final String head = "{\"type\":\"ping\",\"data\":{\"pad\":\"";
            client.sendAsync(head + "x".repeat(1024 * 1024 + 1 - head.length() - 3) + "\"}}");

            final ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
            assertThat(error.level()).isEqualTo(ErrorLevel.FATAL);
            assertThat(error.sequence()).isEqualTo(2);
            assertThat(client.closeCode()).isEqualTo(1009);
            neighbour.send("{\"type\":\"ping\",\"sequence\":3,\"data\":{}}");
            assertThat(neighbour.next(HeartbeatMessage.class).requestSequence()).isEqualTo(3);
        }
    }

    @Test
    void shouldAcceptAMessageOfExactlyTheLimit()
    {
        try (WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);
            final String head = "{\"type\":\"ping\",\"sequence\":4,\"data\":{\"pad\":\"";

            client.send(head + "x".repeat(1024 * 1024 - head.length() - 3) + "\"}}");

            assertThat(client.next(HeartbeatMessage.class).requestSequence()).isEqualTo(4);
        }
    }

    @Test
    void shouldRejectBinaryFramesAndKeepTheConnection()
    {
        try (WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);

            client.sendBinary(new byte[] {1, 2, 3});

            final ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(error.message()).contains("binary");
            assertWorks(client, 3);
        }
    }

    @Test
    void shouldNotLetOneClientsBadInputAffectAnother()
    {
        try (WsTestClient bad = WsTestClient.connect(server.port());
            WsTestClient good = WsTestClient.connect(server.port()))
        {
            bad.next(ConnectionMessage.class);
            good.next(ConnectionMessage.class);

            for (int i = 0; i < 20; i++)
            {
                bad.send("{garbage");
            }
            good.send("{\"type\":\"ping\",\"sequence\":1,\"data\":{}}");

            assertThat(good.next(HeartbeatMessage.class).sequence()).isEqualTo(2);
            for (int i = 0; i < 20; i++)
            {
                assertThat(bad.next(ErrorMessage.class).sequence()).isEqualTo(2 + i);
            }
        }
    }

    private static void assertWorks(final WsTestClient client, final long expectedSequence)
    {
        client.send("{\"type\":\"subscription\",\"sequence\":99,\"data\":{\"action\":\"subscribe\",\"tokens\":[\""
            + TestServers.evm(77) + "\"]}}");
        final SubscriptionResponse response = client.next(SubscriptionResponse.class);
        assertThat(response.status()).isEqualTo("success");
        assertThat(response.sequence()).isEqualTo(expectedSequence);
    }
}
