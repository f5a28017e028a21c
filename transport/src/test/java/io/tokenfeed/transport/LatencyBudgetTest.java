package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

/** The budget is enforced: a slow fan-out stage turns readiness DEGRADED, and it comes back when the stage recovers. */
class LatencyBudgetTest
{
    @Test
    void shouldDegradeReadinessWhileP99IsOverTheBudgetAndRecoverAfter() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("monitoring.latency-budget-ms", "5", "monitoring.latency-window-ms", "1000"))
        {
            final List<String> tokens = List.of(TestServers.evm(1), TestServers.evm(2));
            final SlowChannel slow = attachSlowSubscriber(server.engine(), tokens);
            assertThat(TestServers.get(server, "/health/ready").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() ->
            {
                TestServers.publish(server, tokens, "1.25");
                return TestServers.get(server, "/health/ready").statusCode() == 503;
            });
            final HttpResponse<String> degraded = TestServers.get(server, "/health/ready");
            assertThat(degraded.body()).contains("\"status\":\"DEGRADED\"").contains("latency_budget_exceeded: p99")
                .contains("> 5 ms over the last 1 s");
            assertThat(MetricsEndpointTest.scrape(server)).containsEntry("tokenfeed_latency_budget_breached", 1.0)
                .containsEntry("tokenfeed_latency_budget_breaches_total", 1.0);

            slow.recover();
            await().atMost(Duration.ofSeconds(15)).until(() -> TestServers.get(server, "/health/ready").statusCode() == 200);
            assertThat(MetricsEndpointTest.scrape(server)).containsEntry("tokenfeed_latency_budget_breached", 0.0)
                .containsEntry("tokenfeed_latency_budget_breaches_total", 1.0);
        }
    }

    private static SlowChannel attachSlowSubscriber(final TokenFeedEngine engine, final List<String> tokens)
    {
        final int id = engine.ingress().nextConnectionId();
        final SlowChannel channel = new SlowChannel();
        assertThat(engine.ingress().connectionOpened(id, channel)).isTrue();
        assertThat(engine.ingress().request(id, 1,
            SubscriptionCommand.resolve(new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, tokens), engine.tokens()))).isTrue();
        return channel;
    }

    /** The injected slow stage: a connection whose hand-over takes 20 ms, on the fan-out thread, until it recovers. */
    private static final class SlowChannel implements ClientChannel
    {
        private volatile boolean slow = true;

        void recover()
        {
            slow = false;
        }

        @Override
        public boolean sendText(final DirectBuffer buffer, final int offset, final int length)
        {
            if (slow)
            {
                LockSupport.parkNanos(20_000_000L);
            }
            return true;
        }

        @Override
        public long unsentBytes()
        {
            return 0;
        }

        @Override
        public long unsentMessages()
        {
            return 0;
        }

        @Override
        public long writtenMessages()
        {
            return 0;
        }

        @Override
        public boolean resumable()
        {
            return false;
        }

        @Override
        public void sendPing()
        {
        }

        @Override
        public long lastReceivedMs()
        {
            return Long.MAX_VALUE;
        }

        @Override
        public void close(final CloseCode code, final String reason)
        {
        }

        @Override
        public String connectionId()
        {
            return "slow-stage";
        }

        @Override
        public String remoteAddress()
        {
            return "test";
        }
    }
}
