package io.tokenfeed.engine;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tokenfeed.engine.apply.ApplyHandler;
import io.tokenfeed.engine.encode.EncodeHandler;
import io.tokenfeed.engine.fanout.DeliveryLogAgent;
import io.tokenfeed.engine.fanout.DeliveryStats;
import io.tokenfeed.engine.fanout.ErrorLogAgent;
import io.tokenfeed.engine.fanout.PipelineCounters;
import io.tokenfeed.engine.fanout.FanOutHandler;
import io.tokenfeed.engine.latency.LatencyBudget;
import io.tokenfeed.engine.latency.LatencyLogAgent;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.latency.StageDwell;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.PipelineEventFactory;
import io.tokenfeed.engine.ring.PipelineExceptionHandler;
import io.tokenfeed.engine.ring.StageProgress;
import io.tokenfeed.engine.simulator.SimulatorAgent;
import io.tokenfeed.engine.token.TokenRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline as one unit: the ring with its three stages (apply → encode → fan-out), the token registry, the
 * embedded simulator and the latency log. The transport feeds it through {@link #ingress()} and
 * {@link #publisher()} and receives frames through the {@link ClientChannel}s it registers.
 */
public final class TokenFeedEngine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TokenFeedEngine.class);

    private final EngineConfig config;
    private final EpochClock clock;
    private final NanoClock nanoClock;
    private final TokenRegistry tokens;
    private final LatencyTracker latency;
    private final LatencyBudget latencyBudget;
    private final StageDwell stageDwell;
    private final PipelineExceptionHandler exceptionHandler = new PipelineExceptionHandler();
    private final Disruptor<PipelineEvent> disruptor;
    private final ApplyHandler apply;
    private final FanOutHandler fanOut;
    private final EngineIngress ingress;
    private final UpdatePublisher publisher;
    private final List<AgentRunner> agents = new ArrayList<>();
    private SimulatorAgent simulator;
    private AgentRunner simulatorRunner;
    private boolean started;

    public TokenFeedEngine(final EngineConfig config, final EpochClock clock, final NanoClock nanoClock)
    {
        this.config = config;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.tokens = new TokenRegistry(config.maxTokens());
        this.latency = new LatencyTracker(clock, config.latencyWindowMs());
        this.stageDwell = new StageDwell(clock, config.latencyWindowMs());
        final ManyToOneConcurrentLinkedQueue<Integer> deferredCloses = new ManyToOneConcurrentLinkedQueue<>();
        final WaitStrategy waitStrategy = config.waitStrategy().create();
        this.disruptor = new Disruptor<>(new PipelineEventFactory(config.ringSize()), config.ringSize(),
            daemonThreads("tokenfeed-stage"), ProducerType.MULTI, waitStrategy);
        this.apply = new ApplyHandler(config.maxTokens(), new StageProgress(waitStrategy), stageDwell.apply(), nanoClock);
        this.fanOut = new FanOutHandler(config, tokens, clock, nanoClock, latency, stageDwell.fanOut(), deferredCloses,
            exceptionHandler);
        disruptor.setDefaultExceptionHandler(exceptionHandler);
        final EncodeHandler encode = new EncodeHandler(tokens, new StageProgress(waitStrategy), stageDwell.encode(), nanoClock);
        disruptor.handleEventsWith(apply).then(encode).then(fanOut);
        this.latencyBudget = new LatencyBudget(latency, stageDwell,
            () -> disruptor.getRingBuffer().getCursor() - disruptor.getSequenceValueFor(fanOut),
            () -> disruptor.getSequenceValueFor(fanOut), clock, config.latencyBudgetMs());
        final RingBuffer<PipelineEvent> ring = disruptor.getRingBuffer();
        this.ingress = new EngineIngress(ring, nanoClock, deferredCloses);
        this.publisher = new UpdatePublisher(ring, nanoClock);
    }

    public synchronized void start()
    {
        if (started)
        {
            return;
        }
        started = true;
        disruptor.start();
        LOG.info("pipeline started: ring {} slots ({} KB off-heap), wait strategy {}, {} control slots reserved",
            config.ringSize(), PipelineEventFactory.slabBytes(config.ringSize()) / 1024, config.waitStrategy().configName(),
            publisher.controlReserve());
        if (config.simulatorEnabled())
        {
            simulator = new SimulatorAgent(publisher, tokens, clock, nanoClock, config.simulatorTokens(),
                config.simulatorIntervalMs(), config.simulatorSeed());
            simulatorRunner = startAgent(simulator, 1);
        }
        // The log and timer agents only look at the clock: they need not wake a thousand times a second.
        startAgent(new CompositeAgent(new LatencyLogAgent(latency, clock, config.latencyLogIntervalMs()), latencyBudget,
            new DeliveryLogAgent(fanOut.deliveryStats(), clock, config.latencyLogIntervalMs()),
            new ErrorLogAgent(fanOut.pipelineCounters(), clock, config.latencyLogIntervalMs())), 100);
        final long tickIntervalMs = TickAgent.tickIntervalFor(config);
        startAgent(new TickAgent(ingress, clock, tickIntervalMs), Math.max(1, tickIntervalMs / 2));
    }

    public EngineIngress ingress()
    {
        return ingress;
    }

    public UpdatePublisher publisher()
    {
        return publisher;
    }

    public TokenRegistry tokens()
    {
        return tokens;
    }

    /** Each stage's ring dwell: how long updates wait before apply, encode and fan-out take them. */
    public StageDwell stageDwell()
    {
        return stageDwell;
    }

    /** The latency budget's state: breached or not, and how often. */
    public LatencyBudget latencyBudget()
    {
        return latencyBudget;
    }

    public LatencyTracker latency()
    {
        return latency;
    }

    public EngineConfig config()
    {
        return config;
    }

    /** Free ring slots right now. */
    public long ringRemainingCapacity()
    {
        return disruptor.getRingBuffer().remainingCapacity();
    }

    /** Open sessions, as last written by the fan-out stage (exact once the ring is quiet). */
    public int sessionCount()
    {
        return fanOut.sessionCount();
    }

    /** Resume buffers, detached sessions, conflation and slow consumers (refreshed at every timer tick). */
    public DeliveryStats deliveryStats()
    {
        return fanOut.deliveryStats();
    }

    /** Errors sent to sessions by code, and what became of ingested updates. */
    public PipelineCounters pipelineCounters()
    {
        return fanOut.pipelineCounters();
    }

    public long subscriptionCount()
    {
        return fanOut.subscriptionCount();
    }

    /** Errors caught in the stages since start. */
    public long pipelineErrors()
    {
        return exceptionHandler.errors();
    }

    /** Stops the simulator, so a shutting-down server queues no more data behind its goodbye messages. */
    public synchronized void stopSources()
    {
        if (simulatorRunner != null)
        {
            simulatorRunner.close();
            agents.remove(simulatorRunner);
            simulatorRunner = null;
        }
    }

    /** Stops sources first, then lets the ring drain, then stops the stages. */
    @Override
    public synchronized void close()
    {
        if (!started)
        {
            return;
        }
        started = false;
        for (final AgentRunner runner : agents)
        {
            runner.close();
        }
        agents.clear();
        try
        {
            disruptor.shutdown(2, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            LOG.warn("ring did not drain within 2 s; halting");
            disruptor.halt();
        }
        LOG.info("pipeline stopped");
    }

    private AgentRunner startAgent(final org.agrona.concurrent.Agent agent, final long idleSleepMs)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(idleSleepMs),
            ex -> LOG.error("agent {} failed", agent.roleName(), ex), null, agent);
        AgentRunner.startOnThread(runner, daemonThreads("tokenfeed-" + agent.roleName()));
        agents.add(runner);
        return runner;
    }

    private static ThreadFactory daemonThreads(final String prefix)
    {
        final int[] count = {0};
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + "-" + count[0]++);
            thread.setDaemon(true);
            return thread;
        };
    }
}
