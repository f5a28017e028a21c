package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 20,000 connections opened, subscribed and ended — half with a clean close, half with a reset — by four clients at
 * once: afterwards no session, subscription, connection slot or channel is left, and the heap is back near where it
 * started, so nothing grows with the number of connections ever opened.
 */
class ConnectionChurnTest
{
    private static final int CONNECTIONS = 20_000;
    private static final int CLIENTS = 4;

    @Test
    void shouldLeaveNothingBehindAfter20000Connections() throws Exception
    {
        try (TokenFeedServer server = TestServers.start())
        {
            churn(server, 500);
            final long baselineBytes = usedHeapAfterGc();

            final List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++)
            {
                clients.add(CompletableFuture.runAsync(() -> churn(server, CONNECTIONS / CLIENTS)));
            }
            for (final CompletableFuture<Void> client : clients)
            {
                client.get(5, TimeUnit.MINUTES);
            }

            final long total = CONNECTIONS + 500;
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openWebSockets() == 0 && server.openConnections() == 0
                && server.engine().sessionCount() == 0 && server.engine().subscriptionCount() == 0
                && server.connectionStates().closedByReason().values().stream().mapToLong(Long::longValue).sum() == total);
            final long afterBytes = usedHeapAfterGc();
            assertThat(server.connectionStates().closedByReason())
                .containsEntry("client_close", (long)total / 2).containsEntry("abrupt", (long)total / 2);
            assertThat(server.connectionStates().open()).isZero();
            assertThat(server.connectionStates().closing()).isZero();
            assertThat(server.connectionStates().connecting()).isZero();
            assertThat(afterBytes - baselineBytes).as("heap growth after %d connections", CONNECTIONS).isLessThan(32L * 1024 * 1024);
        }
    }

    private static void churn(final TokenFeedServer server, final int connections)
    {
        for (int i = 0; i < connections; i++)
        {
            try (RawWebSocket ws = new RawWebSocket(server.port(), "/api/v1/ws/token-data"))
            {
                ws.next();
                ws.sendText("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[\""
                    + TestServers.evm(0xC000 + i % 50) + "\"]}}");
                ws.next();
                if (i % 2 == 0)
                {
                    ws.sendClose();
                    ws.next();
                }
                else
                {
                    ws.abort();
                }
            }
            catch (final java.io.IOException ex)
            {
                throw new IllegalStateException("connection " + i + " failed", ex);
            }
        }
    }

    private static long usedHeapAfterGc()
    {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
