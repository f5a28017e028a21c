package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.engine.fanout.DeliveryStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 1,000 subscribers that never acknowledge, each sent far more than its resume buffer holds: every buffer is full and
 * the memory they hold stays within {@code delivery.resume-buffer-bytes} per session, attached and then detached.
 */
class ResumeBufferMemoryTest
{
    private static final int SESSIONS = 1000;
    private static final int BUFFER_BYTES = 16_384;
    /** A 5-token batch message plus its record header: what a full buffer can fall short of its capacity by. */
    private static final int LARGEST_RECORD = 2048;

    @Test
    void shouldHoldEveryFullResumeBufferWithinTheConfiguredBound() throws Exception
    {
        final List<String> tokens = IntStream.rangeClosed(1, 5).mapToObj(TestServers::evm).toList();
        final String subscribe = "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
            + tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}";
        try (TokenFeedServer server = TestServers.start("delivery.resume-buffer-bytes", Integer.toString(BUFFER_BYTES),
            "limits.max-connections", "1100", "limits.max-connections-per-ip", "1100"))
        {
            final List<RawWebSocket> clients = new ArrayList<>();
            try
            {
                for (int i = 0; i < SESSIONS; i++)
                {
                    final RawWebSocket client = new RawWebSocket(server.port(), "/api/v1/ws/token-data");
                    clients.add(client);
                    client.next();
                    client.sendText(subscribe);
                    client.next();
                }
                for (int version = 1; version <= 40; version++)
                {
                    TestServers.publishVersion(server, tokens, version);
                }
                final DeliveryStats stats = server.engine().deliveryStats();
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> stats.retainedBytes() >= (long)SESSIONS * (BUFFER_BYTES - LARGEST_RECORD));
                assertThat(stats.retainedCapacityBytes()).isLessThanOrEqualTo((long)SESSIONS * BUFFER_BYTES);

                for (final RawWebSocket client : clients)
                {
                    client.abort();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> stats.detachedSessions() == SESSIONS);
                assertThat(stats.retainedBytes()).isGreaterThanOrEqualTo((long)SESSIONS * (BUFFER_BYTES - LARGEST_RECORD));
                assertThat(stats.retainedCapacityBytes()).isLessThanOrEqualTo((long)SESSIONS * BUFFER_BYTES);
            }
            finally
            {
                for (final RawWebSocket client : clients)
                {
                    client.close();
                }
            }
        }
    }
}
