package io.tokenfeed.perf.jmh;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.apply.ApplyHandler;
import io.tokenfeed.engine.encode.EncodeHandler;
import io.tokenfeed.engine.fanout.FanOutHandler;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.PipelineEventFactory;
import io.tokenfeed.engine.ring.PipelineExceptionHandler;
import io.tokenfeed.engine.ring.StageProgress;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import java.util.ArrayDeque;
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

/**
 * The fan-out stage alone, on the benchmark thread, no ring and no other thread: 1,000 connections each following 100
 * of 1,000 tokens, fed 100 updates (one ring batch, 10,000 deliveries) that the apply and encode stages prepared
 * outside the measured method. Per delivery: subscriber lookup, batching per connection, framing with the session's
 * sequence, retention for a replay, the hand-over to the connection. Compare with {@link EngineFanOutBenchmark}, the
 * same load through the whole engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanOutStageBenchmark
{
    private static final int CONNECTIONS = 1000;
    private static final int TOKENS = 1000;
    private static final int SUBSCRIPTIONS = 100;
    private static final int UPDATES = 100;
    private static final int DELIVERIES = UPDATES * CONNECTIONS * SUBSCRIPTIONS / TOKENS;

    private final SystemNanoClock nanoClock = new SystemNanoClock();
    private final PipelineEvent[] batch = new PipelineEvent[UPDATES];
    private final PipelineEvent control = new PipelineEventFactory(1).newInstance();
    private ApplyHandler apply;
    private EncodeHandler encode;
    private FanOutHandler fanOut;
    private int[] tokenIds;
    private long sequence;
    private int round;

    @Setup(Level.Trial)
    public void setUp()
    {
        final EngineConfig config = EngineConfig.defaults().withSimulator(false, 1, 5000);
        final TokenRegistry tokens = new TokenRegistry(config.maxTokens());
        apply = new ApplyHandler(config.maxTokens(), new StageProgress(new BlockingWaitStrategy()));
        encode = new EncodeHandler(tokens, new StageProgress(new BlockingWaitStrategy()));
        fanOut = new FanOutHandler(config, tokens, new SystemEpochClock(), nanoClock, new LatencyTracker(), new ArrayDeque<>(),
            new PipelineExceptionHandler());
        final PipelineEventFactory factory = new PipelineEventFactory(128);
        for (int i = 0; i < UPDATES; i++)
        {
            batch[i] = factory.newInstance();
        }
        final List<String> addresses = new ArrayList<>();
        tokenIds = new int[TOKENS];
        for (int t = 0; t < TOKENS; t++)
        {
            addresses.add(String.format("0x%040x", 0xbe_0000_0000L + t));
            tokenIds[t] = tokens.intern(addresses.get(t));
        }
        for (int c = 1; c <= CONNECTIONS; c++)
        {
            control(EventType.CONNECTION_OPENED, c, -1, new CountingChannel("jmh-" + c));
            final List<String> mine = new ArrayList<>();
            for (int j = 0; j < SUBSCRIPTIONS; j++)
            {
                mine.add(addresses.get(((c - 1) * SUBSCRIPTIONS + j) % TOKENS));
            }
            control(EventType.CLIENT_REQUEST, c, 1,
                SubscriptionCommand.resolve(new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, mine), tokens));
        }
        if (fanOut.subscriptionCount() != (long)CONNECTIONS * SUBSCRIPTIONS)
        {
            throw new IllegalStateException("subscriptions not applied: " + fanOut.subscriptionCount());
        }
        for (int r = 0; r < TOKENS / UPDATES; r++)
        {
            prepare();
            deliver();
        }
    }

    /** The next 100 tokens' updates, through the apply and encode stages: the fan-out stage's input. */
    @Setup(Level.Invocation)
    public void prepare()
    {
        final int first = (round++ % (TOKENS / UPDATES)) * UPDATES;
        final long nowMs = System.currentTimeMillis();
        for (int i = 0; i < UPDATES; i++)
        {
            final PipelineEvent event = batch[i];
            event.resetAsUpdate(tokenIds[first + i], PipelineEvent.ABSENT, nowMs, nanoClock.nanoTime());
            event.field(PipelineEvent.PRICE, "67234.12");
            event.field(PipelineEvent.MARKET_CAP, "1324567890123.55");
            event.field(PipelineEvent.VOLUME_H24, "351234.5");
            event.field(PipelineEvent.VOLUME_H1, "12345.5");
            event.field(PipelineEvent.VOLUME_M5, "987.25");
            apply.onEvent(event, sequence + i, i == UPDATES - 1);
            encode.onEvent(event, sequence + i, i == UPDATES - 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(DELIVERIES)
    public void deliver()
    {
        for (int i = 0; i < UPDATES; i++)
        {
            fanOut.onEvent(batch[i], sequence++, i == UPDATES - 1);
        }
    }

    private void control(final EventType type, final int connectionId, final long requestSequence, final Object attachment)
    {
        control.resetAsControl(type, connectionId, requestSequence, attachment, nanoClock.nanoTime());
        control.errorCode(null);
        fanOut.onEvent(control, sequence++, true);
    }
}
