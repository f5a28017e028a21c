package io.tokenfeed.engine;

/**
 * Everything the engine needs from configuration, already validated by the loader (ranges are re-checked here so a
 * programmatic caller cannot start a broken engine).
 */
public record EngineConfig(
    int ringSize,
    WaitStrategyKind waitStrategy,
    int maxTokens,
    int maxSubscriptions,
    int maxBatchTokens,
    int maxMessageBytes,
    long heartbeatIntervalMs,
    long resumeWindowMs,
    String serverVersion,
    boolean simulatorEnabled,
    int simulatorTokens,
    long simulatorIntervalMs,
    long simulatorSeed,
    long latencyLogIntervalMs,
    DeliveryLimits delivery,
    long latencyBudgetMs,
    long latencyWindowMs)
{
    /** Smallest {@code limits.max-message-bytes} that still fits one token update with its envelope. */
    public static final int MIN_MESSAGE_BYTES = 4096;
    /** The ring's off-heap slab is one direct buffer (below 2 GB): 2^21 slots of ~832 bytes. */
    public static final int MAX_RING_SIZE = 1 << 21;

    public EngineConfig
    {
        require(Integer.bitCount(ringSize) == 1 && ringSize >= 64 && ringSize <= MAX_RING_SIZE,
            "engine.ring-size must be a power of two in 64.." + MAX_RING_SIZE);
        require(maxTokens > 0, "engine.max-tokens must be > 0");
        require(maxSubscriptions > 0, "limits.max-subscriptions must be > 0");
        require(maxBatchTokens >= 1 && maxBatchTokens <= 1000, "delivery.max-batch-tokens must be in 1..1000");
        require(maxMessageBytes >= MIN_MESSAGE_BYTES, "limits.max-message-bytes must be >= " + MIN_MESSAGE_BYTES);
        require(!simulatorEnabled || (simulatorTokens > 0 && simulatorTokens <= maxTokens),
            "simulator.tokens must be in 1..engine.max-tokens");
        require(simulatorIntervalMs > 0, "simulator.interval-ms must be > 0");
        require(latencyLogIntervalMs > 0, "latency log interval must be > 0");
        require(delivery != null, "delivery limits are required");
        require(latencyBudgetMs > 0, "monitoring.latency-budget-ms must be > 0");
        require(latencyWindowMs >= 1000, "monitoring.latency-window-ms must be >= 1000");
    }

    /** Defaults of protocol.md section 8, for tests and embedding. */
    public static EngineConfig defaults()
    {
        return new EngineConfig(16384, WaitStrategyKind.BLOCKING, 262144, 100, 1000, 1048576, 15000, 60000, "dev",
            true, 1000, 5000, 42, 60000, DeliveryLimits.defaults(), 100, 10_000);
    }

    public EngineConfig withSimulator(final boolean enabled, final int tokens, final long intervalMs)
    {
        return new EngineConfig(ringSize, waitStrategy, maxTokens, maxSubscriptions, maxBatchTokens, maxMessageBytes,
            heartbeatIntervalMs, resumeWindowMs, serverVersion, enabled, tokens, intervalMs, simulatorSeed, latencyLogIntervalMs, delivery,
            latencyBudgetMs, latencyWindowMs);
    }

    public EngineConfig withLimits(final int maxSubscriptions, final int maxBatchTokens, final int maxMessageBytes)
    {
        return new EngineConfig(ringSize, waitStrategy, maxTokens, maxSubscriptions, maxBatchTokens, maxMessageBytes,
            heartbeatIntervalMs, resumeWindowMs, serverVersion, simulatorEnabled, simulatorTokens, simulatorIntervalMs,
            simulatorSeed, latencyLogIntervalMs, delivery,
            latencyBudgetMs, latencyWindowMs);
    }

    public EngineConfig withDelivery(final long resumeWindowMs, final DeliveryLimits delivery)
    {
        return new EngineConfig(ringSize, waitStrategy, maxTokens, maxSubscriptions, maxBatchTokens, maxMessageBytes,
            heartbeatIntervalMs, resumeWindowMs, serverVersion, simulatorEnabled, simulatorTokens, simulatorIntervalMs,
            simulatorSeed, latencyLogIntervalMs, delivery,
            latencyBudgetMs, latencyWindowMs);
    }

    /** The latency budget (p99 over a sliding window) that readiness enforces. */
    public EngineConfig withLatencyBudget(final long budgetMs, final long windowMs)
    {
        return new EngineConfig(ringSize, waitStrategy, maxTokens, maxSubscriptions, maxBatchTokens, maxMessageBytes,
            heartbeatIntervalMs, resumeWindowMs, serverVersion, simulatorEnabled, simulatorTokens, simulatorIntervalMs,
            simulatorSeed, latencyLogIntervalMs, delivery, budgetMs, windowMs);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
