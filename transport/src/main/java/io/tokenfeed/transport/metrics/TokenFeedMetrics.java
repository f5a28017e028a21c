package io.tokenfeed.transport.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The server's registry: every {@link Metric} plus the JVM's memory, GC, threads and classes. One per server. */
public final class TokenFeedMetrics
{
    private final PrometheusRegistry registry = new PrometheusRegistry();

    public TokenFeedMetrics(final MetricSources sources)
    {
        registry.register(new TokenFeedCollector(sources));
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry()
    {
        return registry;
    }
}
