package io.tokenfeed.transport.config;

import io.tokenfeed.engine.DeliveryLimits;
import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.WaitStrategyKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration: every key has a typed value (its default unless a source set it) and the source it
 * came from, for start-up logging and error messages.
 */
public final class TokenFeedConfig
{
    private final Map<ConfigKey, Object> values;
    private final Map<ConfigKey, String> sources;

    TokenFeedConfig(final Map<ConfigKey, Object> values, final Map<ConfigKey, String> sources)
    {
        this.values = new EnumMap<>(values);
        this.sources = new EnumMap<>(sources);
    }

    /** Defaults only, for tests and embedding; {@link #with} adjusts. */
    public static TokenFeedConfig defaults()
    {
        return ConfigLoader.load(new String[0], Map.of(), null);
    }

    /** A copy with one key set from text, validated like any other source. */
    public TokenFeedConfig with(final ConfigKey key, final String value)
    {
        final Map<ConfigKey, Object> copy = new EnumMap<>(values);
        final Map<ConfigKey, String> copySources = new EnumMap<>(sources);
        copy.put(key, ConfigLoader.parse(key, value, "code"));
        copySources.put(key, "code");
        return new TokenFeedConfig(copy, copySources);
    }

    public int intValue(final ConfigKey key)
    {
        return (Integer)values.get(key);
    }

    public long longValue(final ConfigKey key)
    {
        return (Long)values.get(key);
    }

    public boolean booleanValue(final ConfigKey key)
    {
        return (Boolean)values.get(key);
    }

    public String stringValue(final ConfigKey key)
    {
        return (String)values.get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> listValue(final ConfigKey key)
    {
        return (List<String>)values.get(key);
    }

    /** Where a value came from: default, file path, environment or command line. */
    public String source(final ConfigKey key)
    {
        return sources.getOrDefault(key, "default");
    }

    /** The keys whose value differs from the default, with their source; secrets masked. */
    public String describeOverrides()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ConfigKey key : ConfigKey.values())
        {
            if (sources.containsKey(key) && !values.get(key).equals(ConfigLoader.parse(key, key.defaultValue(), "default")))
            {
                sb.append(sb.length() == 0 ? "" : ", ").append(key.key()).append('=')
                    .append(key.type().secret() ? "***" : values.get(key)).append(" (").append(sources.get(key)).append(')');
            }
        }
        return sb.length() == 0 ? "all defaults" : sb.toString();
    }

    public EngineConfig engineConfig(final String serverVersion)
    {
        return new EngineConfig(
            intValue(ConfigKey.ENGINE_RING_SIZE),
            WaitStrategyKind.fromConfigName(stringValue(ConfigKey.ENGINE_WAIT_STRATEGY)),
            intValue(ConfigKey.ENGINE_MAX_TOKENS),
            intValue(ConfigKey.LIMITS_MAX_SUBSCRIPTIONS),
            intValue(ConfigKey.DELIVERY_MAX_BATCH_TOKENS),
            intValue(ConfigKey.LIMITS_MAX_MESSAGE_BYTES),
            longValue(ConfigKey.CONNECTION_HEARTBEAT_INTERVAL_MS),
            longValue(ConfigKey.CONNECTION_RESUME_WINDOW_MS),
            serverVersion,
            booleanValue(ConfigKey.SIMULATOR_ENABLED),
            intValue(ConfigKey.SIMULATOR_TOKENS),
            longValue(ConfigKey.SIMULATOR_INTERVAL_MS),
            longValue(ConfigKey.SIMULATOR_SEED),
            60_000,
            new DeliveryLimits(
                intValue(ConfigKey.DELIVERY_RESUME_BUFFER_BYTES),
                intValue(ConfigKey.DELIVERY_MAX_PENDING_BYTES),
                longValue(ConfigKey.DELIVERY_SLOW_CONSUMER_TIMEOUT_MS),
                intValue(ConfigKey.LIMITS_MAX_CONNECTIONS)),
            longValue(ConfigKey.MONITORING_LATENCY_BUDGET_MS),
            longValue(ConfigKey.MONITORING_LATENCY_WINDOW_MS));
    }
}
