package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** limits.max-connections and limits.max-connections-per-ip over real sockets. */
class ConnectionLimitTest
{
    @Test
    void shouldHold1000ConnectionsRefuseThe1001stAndAdmitItOnceOneCloses()
    {
        try (TokenFeedServer server = TestServers.start("limits.max-connections", "1000"))
        {
            final List<WsTestClient> clients = new ArrayList<>();
            try
            {
                for (int i = 0; i < 1000; i++)
                {
                    final WsTestClient client = WsTestClient.connect(server.port());
                    clients.add(client);
                    assertThat(client.next(ConnectionMessage.class).status()).isEqualTo("connected");
                }
                assertThat(server.openConnections()).isEqualTo(1000);

                final WsTestClient refused = WsTestClient.connectNotAnsweringClose(server.port(), "/api/v1/ws/token-data", null);
                assertRefused(refused, "maximum of 1000 connections");
                // Closed by the server, without the refused client answering the close.
                await().atMost(WsTestClient.TIMEOUT).until(() -> server.openWebSockets() == 1000);
                refused.abort();
                assertThat(server.connectionStates().refusedByReason()).containsEntry("connection_limit", 1L);

                clients.remove(0).close();
                await().atMost(WsTestClient.TIMEOUT).until(() -> server.openConnections() == 999);
                try (WsTestClient admitted = WsTestClient.connect(server.port()))
                {
                    assertThat(admitted.next(ConnectionMessage.class).status()).isEqualTo("connected");
                }
            }
            finally
            {
                clients.forEach(WsTestClient::close);
            }
            await().atMost(WsTestClient.TIMEOUT).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void shouldRefuseConnectionsOverThePerAddressLimit()
    {
        try (TokenFeedServer server = TestServers.start("limits.max-connections-per-ip", "3", "auth.publisher-keys", "k"))
        {
            try (WsTestClient a = WsTestClient.connect(server.port());
                WsTestClient b = WsTestClient.connect(server.port());
                WsTestClient c = WsTestClient.publisher(server.port(), "k"))
            {
                a.next(ConnectionMessage.class);
                b.next(ConnectionMessage.class);
                c.next(ConnectionMessage.class);

                try (WsTestClient refused = WsTestClient.connect(server.port()))
                {
                    assertRefused(refused, "this address holds its maximum of 3 connections");
                }
                try (WsTestClient refusedPublisher = WsTestClient.publisher(server.port(), "k"))
                {
                    assertRefused(refusedPublisher, "maximum of 3");
                }
            }
        }
    }

    private static void assertRefused(final WsTestClient refused, final String why)
    {
        final ConnectionMessage connection = refused.next(ConnectionMessage.class);
        assertThat(connection.status()).isEqualTo("error");
        assertThat(connection.sequence()).isEqualTo(1);
        final ErrorMessage error = refused.next(ErrorMessage.class);
        assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_LIMIT);
        assertThat(error.level()).isEqualTo(ErrorLevel.FATAL);
        assertThat(error.sequence()).isEqualTo(2);
        assertThat(error.retryAfterMs()).isPositive();
        assertThat(error.message()).contains(why);
        assertThat(refused.closeCode()).isEqualTo(1013);
    }
}
