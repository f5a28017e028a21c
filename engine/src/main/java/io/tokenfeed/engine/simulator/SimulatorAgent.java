package io.tokenfeed.engine.simulator;

import io.tokenfeed.engine.UpdatePublisher;
import io.tokenfeed.engine.token.TokenRegistry;
import java.util.Random;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default source: {@code tokens} simulated tokens (a mix of EVM and Solana addresses), each updated once
 * per {@code intervalMs}, the updates spread evenly over the interval: update number {@code s} (token
 * {@code s % tokens}) is due at {@code startMs + s * intervalMs / tokens}. Deterministic for a given seed.
 *
 * <p>It publishes through the same {@link UpdatePublisher} as every other source. When the ring has no room the due
 * update is retried on the next duty cycle; when the agent falls more than one interval behind (a long pause), it
 * skips ahead instead of bursting a backlog of stale prices.
 */
public final class SimulatorAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorAgent.class);
    private static final int MAX_UPDATES_PER_DUTY_CYCLE = 4096;

    private final UpdatePublisher publisher;
    private final EpochClock clock;
    private final NanoClock nanoClock;
    private final long intervalMs;
    private final SimulatedToken[] tokens;
    private final Random random;
    private final SimulatedToken.StepClock stepClock;
    private long startMs;
    private long slot;
    private long refused;
    private long published;

    public SimulatorAgent(
        final UpdatePublisher publisher,
        final TokenRegistry registry,
        final EpochClock clock,
        final NanoClock nanoClock,
        final int tokenCount,
        final long intervalMs,
        final long seed)
    {
        this.publisher = publisher;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.intervalMs = intervalMs;
        this.random = new Random(seed);
        this.stepClock = new SimulatedToken.StepClock(random);
        this.startMs = clock.time();
        this.tokens = new SimulatedToken[tokenCount];
        final AddressGenerator addresses = new AddressGenerator(new Random(seed ^ 0x5DEECE66DL));
        for (int i = 0; i < tokenCount; i++)
        {
            String address;
            int id;
            do
            {
                address = i % 5 < 3 ? addresses.evm() : addresses.solana();
                id = registry.lookup(address) == TokenRegistry.UNKNOWN ? registry.intern(address) : TokenRegistry.UNKNOWN;
            }
            while (id == TokenRegistry.UNKNOWN);
            if (id == TokenRegistry.FULL)
            {
                throw new IllegalStateException("token registry full: cannot simulate " + tokenCount + " tokens");
            }
            tokens[i] = new SimulatedToken(id, address, random, intervalMs, startMs);
        }
    }

    @Override
    public void onStart()
    {
        startMs = clock.time();
        slot = 0;
        LOG.info("simulator started: {} tokens, each updated every {} ms ({} updates/s)", tokens.length, intervalMs,
            tokens.length * 1000L / intervalMs);
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        final long dueSlots = (nowMs - startMs) * tokens.length / intervalMs + 1;
        if (dueSlots - slot > tokens.length)
        {
            LOG.warn("simulator fell {} updates behind; skipping ahead", dueSlots - slot);
            slot = dueSlots - tokens.length;
        }
        int work = 0;
        while (slot < dueSlots && work < MAX_UPDATES_PER_DUTY_CYCLE)
        {
            final SimulatedToken token = tokens[(int)(slot % tokens.length)];
            stepClock.nowMs = nowMs;
            stepClock.nowNs = nanoClock.nanoTime();
            if (!publisher.tryPublish(SimulatedToken.TRANSLATOR, token, stepClock))
            {
                refused++;
                break;
            }
            published++;
            slot++;
            work++;
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "simulator";
    }

    /** Updates published since start. Plain read: exact on the agent thread only. */
    public long published()
    {
        return published;
    }

    /** Duty cycles that found the ring without room. */
    public long refused()
    {
        return refused;
    }

    int tokenCount()
    {
        return tokens.length;
    }

    SimulatedToken token(final int index)
    {
        return tokens[index];
    }
}
