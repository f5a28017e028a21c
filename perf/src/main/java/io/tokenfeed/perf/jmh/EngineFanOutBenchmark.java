package io.tokenfeed.perf.jmh;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole engine without sockets — ring, apply, encode, fan-out with batching, framing, retention — for 1,000
 * connections each following 100 of 1,000 tokens: one invocation publishes 100 updates (10,000 deliveries) and waits
 * until the fan-out stage has handed every message to its connection. Reported per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineFanOutBenchmark
{
    private static final int CONNECTIONS = 1000;
    private static final int TOKENS = 1000;
    private static final int SUBSCRIPTIONS = 100;
    private static final int UPDATES = 100;
    private static final int DELIVERIES = UPDATES * CONNECTIONS * SUBSCRIPTIONS / TOKENS;

    private TokenFeedEngine engine;
    private int[][] ids;
    private List<List<TokenData>> updates;
    private int round;

    @Setup(Level.Trial)
    public void setUp()
    {
        engine = new TokenFeedEngine(EngineConfig.defaults().withSimulator(false, 1, 5000), new SystemEpochClock(), new SystemNanoClock());
        engine.start();
        final List<String> addresses = new ArrayList<>();
        for (int t = 0; t < TOKENS; t++)
        {
            addresses.add(String.format("0x%040x", 0xbe_0000_0000L + t));
        }
        // Ten rounds of 100 consecutive tokens cover every token; each token has 100 subscribers.
        ids = new int[TOKENS / UPDATES][UPDATES];
        updates = new ArrayList<>();
        for (int r = 0; r < ids.length; r++)
        {
            final List<TokenData> batch = new ArrayList<>();
            for (int i = 0; i < UPDATES; i++)
            {
                final String address = addresses.get(r * UPDATES + i);
                ids[r][i] = engine.tokens().intern(address);
                batch.add(new TokenData(address, "67234.12", "1324567890123.55", new Volume("351234.5", "12345.5", "987.25"), -1, -1,
                    false, false));
            }
            updates.add(batch);
            publish(r);
        }
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final int connectionId = engine.ingress().nextConnectionId();
            engine.ingress().connectionOpened(connectionId, new CountingChannel("jmh-" + c));
            final List<String> mine = new ArrayList<>();
            for (int j = 0; j < SUBSCRIPTIONS; j++)
            {
                mine.add(addresses.get((c * SUBSCRIPTIONS + j) % TOKENS));
            }
            final SubscriptionRequest request = new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, mine);
            while (!engine.ingress().request(connectionId, 1, SubscriptionCommand.resolve(request, engine.tokens())))
            {
                Thread.onSpinWait();
            }
        }
        while (engine.subscriptionCount() < (long)CONNECTIONS * SUBSCRIPTIONS)
        {
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        engine.close();
    }

    @Benchmark
    @OperationsPerInvocation(DELIVERIES)
    public void publishAndDeliver()
    {
        publish(round++ % ids.length);
        while (engine.ringRemainingCapacity() < engine.config().ringSize())
        {
            Thread.onSpinWait();
        }
    }

    private void publish(final int r)
    {
        while (!engine.publisher().tryPublishAll(ids[r], updates.get(r), System.currentTimeMillis()))
        {
            Thread.onSpinWait();
        }
    }
}
