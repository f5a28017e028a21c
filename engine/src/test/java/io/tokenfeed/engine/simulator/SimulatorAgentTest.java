package io.tokenfeed.engine.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.DecimalString;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.TokenAddress;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/**
 * Drives the simulator by hand with a simulated clock into a real engine (simulator thread disabled), and checks
 * what a subscriber receives: the schedule is read from each update's {@code updatedAt}, so the test is exact and
 * independent of the machine's speed.
 */
class SimulatorAgentTest
{
    private static final int TOKENS = 200;
    private static final long INTERVAL_MS = 1000;

    @Test
    void shouldUpdateEveryTokenOncePerIntervalWithValidConsistentData()
    {
        final EngineConfig config = EngineConfig.defaults().withSimulator(false, 1, INTERVAL_MS).withLimits(TOKENS, 1000, 1048576);
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_700_000_000_000L);
        try (TokenFeedEngine engine = new TokenFeedEngine(config, clock, new SystemNanoClock()))
        {
            engine.start();
            final SimulatorAgent simulator = new SimulatorAgent(engine.publisher(), engine.tokens(), clock, new SystemNanoClock(),
                TOKENS, INTERVAL_MS, 7);
            final Map<String, SimulatedToken> byAddress = new HashMap<>();
            final List<String> addresses = new ArrayList<>();
            for (int i = 0; i < simulator.tokenCount(); i++)
            {
                byAddress.put(simulator.token(i).address, simulator.token(i));
                addresses.add(simulator.token(i).address);
            }
            assertThat(addresses).allSatisfy(a -> assertThat(TokenAddress.canonicalize(a)).isEqualTo(a));
            assertThat(addresses.stream().filter(a -> a.startsWith("0x")).count()).isBetween(50L, 150L);

            final RecordingChannel channel = new RecordingChannel("sim");
            final int connectionId = engine.ingress().nextConnectionId();
            engine.ingress().connectionOpened(connectionId, channel);
            engine.ingress().request(connectionId, 1, SubscriptionCommand.resolve(
                new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, addresses), engine.tokens()));

            simulator.onStart();
            final long cycles = 5;
            for (long t = 0; t <= cycles * INTERVAL_MS; t++)
            {
                clock.update(1_700_000_000_000L + t);
                simulator.doWork();
                if (t % INTERVAL_MS == 0)
                {
                    // Let each simulated interval reach the subscriber before the next one starts: two updates of
                    // one token in the same ring batch would be conflated to the latest, which is correct but hides
                    // the schedule this test checks.
                    final long published = simulator.published();
                    await().atMost(Duration.ofSeconds(10)).until(() -> updates(channel).size() == published);
                }
            }
            assertThat(simulator.published()).isEqualTo(cycles * TOKENS + 1);

            final Map<String, List<Long>> times = new HashMap<>();
            for (final TokenData d : updates(channel))
            {
                times.computeIfAbsent(d.address(), k -> new ArrayList<>()).add(d.updatedAt());
                assertThat(DecimalString.isValid(d.price())).isTrue();
                assertThat(DecimalString.isValid(d.marketCap())).isTrue();
                assertThat(DecimalString.isValid(d.volume().h24())).isTrue();
                assertThat(DecimalString.isValid(d.volume().h1())).isTrue();
                assertThat(DecimalString.isValid(d.volume().m5())).isTrue();
                final BigDecimal cap = new BigDecimal(d.price())
                    .multiply(BigDecimal.valueOf(byAddress.get(d.address()).supply)).setScale(2, RoundingMode.FLOOR);
                assertThat(new BigDecimal(d.marketCap())).isEqualByComparingTo(cap);
                assertThat(new BigDecimal(d.volume().h24())).isGreaterThanOrEqualTo(new BigDecimal(d.volume().h1()));
                assertThat(new BigDecimal(d.volume().h1())).isGreaterThanOrEqualTo(new BigDecimal(d.volume().m5()));
            }
            assertThat(times).hasSize(TOKENS);
            for (final List<Long> t : times.values())
            {
                assertThat(t.size()).isGreaterThanOrEqualTo((int)cycles);
                for (int i = 1; i < t.size(); i++)
                {
                    assertThat(t.get(i) - t.get(i - 1)).isBetween((long)(INTERVAL_MS * 0.8), (long)(INTERVAL_MS * 1.2));
                }
            }
        }
    }

    private static List<TokenData> updates(final RecordingChannel channel)
    {
        final List<TokenData> data = new ArrayList<>();
        for (final Message m : channel.messages())
        {
            if (m instanceof TokenUpdateMessage)
            {
                data.add(((TokenUpdateMessage)m).data());
            }
            else if (m instanceof TokenBatchMessage)
            {
                data.addAll(((TokenBatchMessage)m).updates());
            }
        }
        return data;
    }
}
