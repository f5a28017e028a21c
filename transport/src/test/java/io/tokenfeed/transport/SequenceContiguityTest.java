package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With the simulator streaming fast, 50 connections each following 100 tokens receive over 10,000 messages in all:
 * every connection's sequence has no gap and no repeat, and every token's version only rises.
 */
class SequenceContiguityTest
{
    private static final int CONNECTIONS = 50;
    private static final int MESSAGES_PER_CONNECTION = 220;

    @Test
    void shouldKeepEveryConnectionsSequenceContiguousUnderLoad() throws Exception
    {
        try (TokenFeedServer server = TestServers.start(
            "simulator.enabled", "true", "simulator.tokens", "200", "simulator.interval-ms", "100"))
        {
            final List<String> tokens = simulatedTokens(server.port());
            assertThat(tokens).hasSize(200);
            final List<WsTestClient> clients = new ArrayList<>();
            try
            {
                for (int c = 0; c < CONNECTIONS; c++)
                {
                    final WsTestClient client = WsTestClient.connect(server.port());
                    clients.add(client);
                    client.next(ConnectionMessage.class);
                    final List<String> mine = tokens.subList((c % 2) * 100, (c % 2) * 100 + 100);
                    client.send("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
                        + mine.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}");
                }
                long tokenMessages = 0;
                for (final WsTestClient client : clients)
                {
                    tokenMessages += assertContiguous(client);
                }
                assertThat(CONNECTIONS * MESSAGES_PER_CONNECTION).isGreaterThanOrEqualTo(10_000);
                assertThat(tokenMessages).as("token data messages among them").isGreaterThan(CONNECTIONS * (MESSAGES_PER_CONNECTION - 10L));
            }
            finally
            {
                clients.forEach(WsTestClient::close);
            }
        }
    }

    /** @return how many of the connection's messages carried token data. */
    private static long assertContiguous(final WsTestClient client)
    {
        long tokenMessages = 0;
        long last = 1;
        final Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < MESSAGES_PER_CONNECTION; i++)
        {
            final Message m = client.next().message();
            assertThat(m.sequence()).isEqualTo(last + 1);
            last = m.sequence();
            if (m instanceof SubscriptionResponse)
            {
                assertThat(((SubscriptionResponse)m).subscriptionCount()).isEqualTo(100);
            }
            final List<TokenData> entries = m instanceof TokenBatchMessage ? ((TokenBatchMessage)m).updates()
                : m instanceof TokenUpdateMessage ? List.of(((TokenUpdateMessage)m).data()) : List.of();
            tokenMessages += entries.isEmpty() ? 0 : 1;
            for (final TokenData d : entries)
            {
                final Long previous = versions.put(d.address(), d.version());
                if (previous != null)
                {
                    assertThat(d.version()).isGreaterThan(previous);
                }
            }
        }
        return tokenMessages;
    }

    private static List<String> simulatedTokens(final int port) throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        final Pattern address = Pattern.compile("\"address\":\"([^\"]+)\"");
        return await().atMost(WsTestClient.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() ->
        {
            final String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens?limit=1000"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
            final Matcher m = address.matcher(body);
            final List<String> list = new ArrayList<>();
            while (m.find())
            {
                list.add(m.group(1));
            }
            return list;
        }, list -> list.size() == 200);
    }
}
