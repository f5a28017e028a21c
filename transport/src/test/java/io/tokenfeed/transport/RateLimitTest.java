package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flood of 1,000 messages in a second: warnings, then RATE_LIMIT_ABUSE and 1008; another client is not slowed. */
class RateLimitTest
{
    @Test
    void shouldWarnThenCloseAFloodingClientWithoutHurtingOthers()
    {
        try (TokenFeedServer server = TestServers.start();
            WsTestClient flooder = WsTestClient.connect(server.port());
            WsTestClient neighbour = WsTestClient.connect(server.port()))
        {
            flooder.next(ConnectionMessage.class);
            neighbour.next(ConnectionMessage.class);

            int sent = 0;
            try
            {
                for (; sent < 1000; sent++)
                {
                    // One outstanding send at a time (the JDK client's rule); still 1,000 messages in a few milliseconds.
                    flooder.send("{\"type\":\"ping\",\"sequence\":" + sent + ",\"data\":{}}");
                }
            }
            catch (final java.util.concurrent.CompletionException closedByServer)
            {
                // The server closed the flooder before it sent everything: expected once the strikes are used up.
                assertThat(sent).isGreaterThan(120);
            }
            neighbour.send("{\"type\":\"ping\",\"sequence\":1,\"data\":{}}");
            assertThat(neighbour.next(HeartbeatMessage.class).requestSequence()).isEqualTo(1);

            final List<WsTestClient.Received> received = flooder.until(m -> m instanceof ErrorMessage
                && ((ErrorMessage)m).code() == ErrorCode.RATE_LIMIT_ABUSE);
            final long heartbeats = received.stream().map(WsTestClient.Received::message)
                .filter(m -> m instanceof HeartbeatMessage).count();
            final List<ErrorMessage> warnings = received.stream().map(WsTestClient.Received::message)
                .filter(m -> m instanceof ErrorMessage).map(m -> (ErrorMessage)m).filter(e -> e.code() == ErrorCode.RATE_LIMITED).toList();
            assertThat(heartbeats).as("the burst of one second's budget is served").isBetween(20L, 100L);
            assertThat(warnings).hasSize(99).allSatisfy(w ->
            {
                assertThat(w.level()).isEqualTo(ErrorLevel.WARNING);
                assertThat(w.retryAfterMs()).isPositive();
            });
            final Message last = received.get(received.size() - 1).message();
            assertThat(((ErrorMessage)last).level()).isEqualTo(ErrorLevel.FATAL);
            assertThat(flooder.closeCode()).isEqualTo(1008);
        }
    }
}
