package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ping frames every interval; a peer that never answers is closed with 4000 after two; one that answers stays. */
class HeartbeatTimeoutTest
{
    private static final int PING = 0x9;
    private static final int CLOSE = 0x8;

    @Test
    void shouldCloseAPeerThatNeverAnswersPingsAndKeepOneThatDoes() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("connection.heartbeat-interval-ms", "500");
            WsTestClient answering = WsTestClient.connect(server.port()))
        {
            answering.next(ConnectionMessage.class);
            final long startNs = System.nanoTime();
            final RawWebSocket silent = new RawWebSocket(server.port(), "/api/v1/ws/token-data");
            final List<Integer> opcodes = new ArrayList<>();
            RawWebSocket.Frame frame;
            do
            {
                frame = silent.next();
                opcodes.add(frame.opcode());
            }
            while (frame.opcode() != CLOSE);
            final long closedAfterMs = (System.nanoTime() - startNs) / 1_000_000;

            assertThat(opcodes).contains(PING);
            assertThat(frame.closeCode()).isEqualTo(4000);
            silent.close();
            assertThat(closedAfterMs).as("two silent intervals, give or take a tick").isBetween(900L, 6_000L);
            org.awaitility.Awaitility.await().atMost(WsTestClient.TIMEOUT)
                .until(() -> server.connectionStates().closedByReason().getOrDefault("heartbeat timeout", 0L) == 1L);

            // The JDK client answers pings: it is still served after the same time.
            answering.until(m -> m instanceof HeartbeatMessage);
            answering.send("{\"type\":\"ping\",\"sequence\":7,\"data\":{}}");
            assertThat(answering.until(m -> m instanceof HeartbeatMessage && ((HeartbeatMessage)m).requestSequence() == 7)).isNotEmpty();
        }
    }
}
