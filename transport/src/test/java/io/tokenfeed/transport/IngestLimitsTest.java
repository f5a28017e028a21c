package io.tokenfeed.transport;

import static io.tokenfeed.transport.IngestTest.batch;
import static io.tokenfeed.transport.IngestTest.update;
import static io.tokenfeed.transport.TestServers.evm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IngestLimitsTest
{
    @Test
    void shouldRefuseEveryPublisherWhenNoKeyIsConfigured() throws Exception
    {
        try (TokenFeedServer server = TestServers.start())
        {
            try (WsTestClient refused = WsTestClient.publisher(server.port(), "any-key"))
            {
                assertThat(refused.next(ConnectionMessage.class).status()).isEqualTo("error");
                assertThat(refused.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(refused.closeCode()).isEqualTo(1008);
            }
            assertThat(IngestTest.post(server.port(), "{\"updates\":[" + update(evm(1), "1", -1) + "]}", "any-key").statusCode())
                .isEqualTo(401);
        }
    }

    @Test
    void shouldAnswerOverloadedAndApplyNothingWhenTheRingHasNoRoom() throws Exception
    {
        // 64 slots, 8 kept for control: a 60-update message can never fit, a small one always does.
        try (TokenFeedServer server = TestServers.start("engine.ring-size", "64", "auth.publisher-keys", "k"))
        {
            final List<String> tokens = IntStream.range(0, 60).mapToObj(i -> evm(0x7000 + i)).collect(Collectors.toList());
            final String marker = evm(0x7FFF);
            try (WsTestClient subscriber = WsTestClient.connect(server.port());
                WsTestClient publisher = WsTestClient.publisher(server.port(), "k"))
            {
                subscriber.next(ConnectionMessage.class);
                subscriber.send("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[\"" + tokens.get(0) + "\",\""
                    + marker + "\"]}}");
                subscriber.next(SubscriptionResponse.class);
                publisher.next(ConnectionMessage.class);

                publisher.send(batch(5, tokens.stream().map(t -> update(t, "1", -1)).toList()));

                final ErrorMessage overloaded = publisher.next(ErrorMessage.class);
                assertThat(overloaded.code()).isEqualTo(ErrorCode.OVERLOADED);
                assertThat(overloaded.requestSequence()).isEqualTo(5);
                assertThat(overloaded.retryAfterMs()).isPositive();
                assertThat(IngestTest.post(server.port(), "{\"updates\":[" + tokens.stream().map(t -> update(t, "1", -1))
                    .collect(Collectors.joining(",")) + "]}", "k").statusCode()).isEqualTo(503);

                publisher.send(batch(6, List.of(update(marker, "2", -1))));
                assertThat(publisher.next(IngestAckMessage.class).accepted()).isEqualTo(1);
                final TokenUpdateMessage first = subscriber.next(TokenUpdateMessage.class);
                assertThat(first.data().address()).as("nothing of the refused batches reached subscribers").isEqualTo(marker);
                assertThat(MetricsEndpointTest.scrape(server))
                    .containsEntry("tokenfeed_ingest_overloaded_total{endpoint=\"websocket\"}", 1.0)
                    .containsEntry("tokenfeed_ingest_overloaded_total{endpoint=\"http\"}", 1.0)
                    .containsEntry("tokenfeed_errors_total{code=\"OVERLOADED\",level=\"error\"}", 1.0)
                    .containsEntry("tokenfeed_ingest_updates_total{outcome=\"applied\"}", 1.0);
            }
        }
    }
}
