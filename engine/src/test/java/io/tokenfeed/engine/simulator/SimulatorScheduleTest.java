package io.tokenfeed.engine.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/**
 * The simulator as it really runs (its own thread, the system clock, the engine's idle strategy): every token is
 * updated once per interval, within 20 %, as seen by a subscriber.
 */
class SimulatorScheduleTest
{
    private static final int TOKENS = 100;
    private static final long INTERVAL_MS = 1000;

    @Test
    void shouldUpdateEveryTokenOncePerIntervalInRealTime()
    {
        final EngineConfig config = EngineConfig.defaults().withSimulator(true, TOKENS, INTERVAL_MS).withLimits(TOKENS, 1000, 1048576);
        try (TokenFeedEngine engine = new TokenFeedEngine(config, SystemEpochClock.INSTANCE, new SystemNanoClock()))
        {
            engine.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.tokens().size() == TOKENS);
            final List<String> addresses = new ArrayList<>();
            for (int id = 0; id < TOKENS; id++)
            {
                addresses.add(engine.tokens().address(id));
            }
            final RecordingChannel channel = new RecordingChannel("schedule");
            final int connectionId = engine.ingress().nextConnectionId();
            engine.ingress().connectionOpened(connectionId, channel);
            engine.ingress().request(connectionId, 1, SubscriptionCommand.resolve(
                new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, addresses), engine.tokens()));

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> updatesByToken(channel).values().stream().allMatch(times -> times.size() >= 4));

            for (final Map.Entry<String, List<Long>> entry : updatesByToken(channel).entrySet())
            {
                final List<Long> times = entry.getValue();
                for (int i = 1; i < times.size(); i++)
                {
                    assertThat(times.get(i) - times.get(i - 1)).as(entry.getKey() + " " + times)
                        .isBetween((long)(INTERVAL_MS * 0.8), (long)(INTERVAL_MS * 1.2));
                }
            }
        }
    }

    /** Live updates only (snapshots carry an old updatedAt), per token, in arrival order. */
    private static Map<String, List<Long>> updatesByToken(final RecordingChannel channel)
    {
        final Map<String, List<Long>> times = new HashMap<>();
        for (final Message m : channel.messages())
        {
            final List<TokenData> entries = m instanceof TokenBatchMessage ? ((TokenBatchMessage)m).updates()
                : m instanceof TokenUpdateMessage ? List.of(((TokenUpdateMessage)m).data()) : List.of();
            for (final TokenData d : entries)
            {
                if (!d.snapshot())
                {
                    times.computeIfAbsent(d.address(), k -> new ArrayList<>()).add(d.updatedAt());
                }
            }
        }
        if (times.size() < TOKENS)
        {
            return Map.of("missing tokens", List.of());
        }
        return times;
    }
}
