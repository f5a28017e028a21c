package io.tokenfeed.transport.config;

import io.tokenfeed.engine.WaitStrategyKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every configuration key, declared once: name, default and how a value is read and checked. The keys are those of
 * protocol.md section 8, plus the {@code engine.*} and {@code simulator.seed} extensions documented in
 * docs/configuration.md.
 */
public enum ConfigKey
{
    SERVER_HOST("server.host", "0.0.0.0", ValueType.STRING),
    SERVER_PORT("server.port", "8080", ValueType.intRange(0, 65535)),
    SERVER_TLS_ENABLED("server.tls.enabled", "false", ValueType.BOOLEAN),
    SERVER_TLS_KEYSTORE("server.tls.keystore", "", ValueType.STRING),
    SERVER_TLS_KEYSTORE_PASSWORD("server.tls.keystore-password", "", ValueType.SECRET),
    SERVER_SHUTDOWN_GRACE_MS("server.shutdown-grace-ms", "10000", ValueType.longRange(0, 600_000)),
    LIMITS_MAX_CONNECTIONS("limits.max-connections", "1000", ValueType.intRange(1, 10_000_000)),
    LIMITS_MAX_CONNECTIONS_PER_IP("limits.max-connections-per-ip", "1000", ValueType.intRange(1, 10_000_000)),
    LIMITS_MAX_SUBSCRIPTIONS("limits.max-subscriptions", "100", ValueType.intRange(1, 1_000_000)),
    LIMITS_MAX_MESSAGE_BYTES("limits.max-message-bytes", "1048576", ValueType.intRange(4096, 64 * 1024 * 1024)),
    LIMITS_CLIENT_MESSAGES_PER_SECOND("limits.client-messages-per-second", "20", ValueType.intRange(1, 1_000_000)),
    LIMITS_RATE_LIMIT_STRIKES("limits.rate-limit-strikes", "100", ValueType.intRange(1, 1_000_000)),
    CONNECTION_HANDSHAKE_TIMEOUT_MS("connection.handshake-timeout-ms", "5000", ValueType.longRange(100, 600_000)),
    CONNECTION_HEARTBEAT_INTERVAL_MS("connection.heartbeat-interval-ms", "15000", ValueType.longRange(100, 3_600_000)),
    CONNECTION_RESUME_WINDOW_MS("connection.resume-window-ms", "60000", ValueType.longRange(0, 86_400_000)),
    DELIVERY_MAX_BATCH_TOKENS("delivery.max-batch-tokens", "1000", ValueType.intRange(1, 1000)),
    DELIVERY_COMPRESSION_THRESHOLD_BYTES("delivery.compression-threshold-bytes", "1024", ValueType.intRange(0, Integer.MAX_VALUE)),
    DELIVERY_RESUME_BUFFER_BYTES("delivery.resume-buffer-bytes", "262144", ValueType.intRange(0, Integer.MAX_VALUE)),
    DELIVERY_MAX_PENDING_BYTES("delivery.max-pending-bytes", "4194304", ValueType.intRange(1024, Integer.MAX_VALUE)),
    DELIVERY_SLOW_CONSUMER_TIMEOUT_MS("delivery.slow-consumer-timeout-ms", "10000", ValueType.longRange(1, 3_600_000)),
    AUTH_PUBLISHER_KEYS("auth.publisher-keys", "", ValueType.SECRET_LIST),
    AUTH_SUBSCRIBER_KEYS("auth.subscriber-keys", "", ValueType.SECRET_LIST),
    AUTH_ALLOWED_ORIGINS("auth.allowed-origins", "", ValueType.LIST),
    SIMULATOR_ENABLED("simulator.enabled", "true", ValueType.BOOLEAN),
    SIMULATOR_TOKENS("simulator.tokens", "1000", ValueType.intRange(1, 1_000_000)),
    SIMULATOR_INTERVAL_MS("simulator.interval-ms", "5000", ValueType.longRange(1, 3_600_000)),
    SIMULATOR_SEED("simulator.seed", "42", ValueType.longRange(Long.MIN_VALUE, Long.MAX_VALUE)),
    LOGGING_FORMAT("logging.format", "text", ValueType.oneOf("text", "json")),
    MONITORING_LATENCY_BUDGET_MS("monitoring.latency-budget-ms", "100", ValueType.longRange(1, 59_999)),
    MONITORING_LATENCY_WINDOW_MS("monitoring.latency-window-ms", "10000", ValueType.longRange(1000, 3_600_000)),
    ENGINE_RING_SIZE("engine.ring-size", "16384", ValueType.RING_SIZE),
    ENGINE_WAIT_STRATEGY("engine.wait-strategy", "blocking",
        ValueType.oneOf(Arrays.stream(WaitStrategyKind.values()).map(WaitStrategyKind::configName).toArray(String[]::new))),
    ENGINE_MAX_TOKENS("engine.max-tokens", "262144", ValueType.intRange(1, 16_777_216));

    private final String key;
    private final String defaultValue;
    private final ValueType type;

    ConfigKey(final String key, final String defaultValue, final ValueType type)
    {
        this.key = key;
        this.defaultValue = defaultValue;
        this.type = type;
    }

    public String key()
    {
        return key;
    }

    public String defaultValue()
    {
        return defaultValue;
    }

    ValueType type()
    {
        return type;
    }

    /** {@code TOKENFEED_} + key upper-cased, with {@code .} and {@code -} turned into {@code _}. */
    public String environmentName()
    {
        return "TOKENFEED_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** @return the key with this name, or null. */
    public static ConfigKey forKey(final String key)
    {
        for (final ConfigKey k : values())
        {
            if (k.key.equals(key))
            {
                return k;
            }
        }
        return null;
    }

    /** @return the key whose environment variable has this name, or null. */
    public static ConfigKey forEnvironmentName(final String name)
    {
        for (final ConfigKey k : values())
        {
            if (k.environmentName().equals(name))
            {
                return k;
            }
        }
        return null;
    }

    static List<ConfigKey> all()
    {
        return List.of(values());
    }
}
