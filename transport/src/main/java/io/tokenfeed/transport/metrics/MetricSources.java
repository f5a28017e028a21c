package io.tokenfeed.transport.metrics;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.transport.ws.ConnectionStates;
import io.tokenfeed.transport.ws.InboundCounters;

/**
 * What {@code /metrics} reads at scrape time. Every value has one writer thread that owns it (the fan-out stage for
 * sessions and deliveries, the IO threads for connection states and what they receive, the budget agent for the budget); the exporter only
 * reads, on an HTTP worker thread.
 */
public record MetricSources(TokenFeedEngine engine, ConnectionStates connections, InboundCounters inbound)
{
}
