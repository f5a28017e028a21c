package io.tokenfeed.transport.metrics;

import io.tokenfeed.engine.fanout.DeliveryStats;
import io.tokenfeed.engine.fanout.PipelineCounters;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.MessageType;
import io.tokenfeed.transport.ws.InboundCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every tokenfeed metric, declared once: type, Prometheus name, help, label and where its value comes from. The
 * exporter ({@link TokenFeedCollector}) turns each into a snapshot at scrape time; nothing is written on the data
 * path for it. Counters are named without {@code _total} (the exposition adds it). The latency summary is built by
 * the collector from the sliding window (see {@link #DELIVERY_LATENCY}).
 */
public enum Metric
{
    CONNECTIONS(Type.GAUGE, "tokenfeed_connections", "WebSocket connections (subscribers and publishers) by state: connecting "
        + "(upgrade being handled), open, closing (the server has started the close)", "state",
        s -> List.of(Sample.of("connecting", s.connections().connecting()), Sample.of("open", s.connections().open()),
            Sample.of("closing", s.connections().closing()))),
    CONNECTIONS_CLOSED(Type.COUNTER, "tokenfeed_connections_closed", "Connections closed, by reason: the server's close reason, "
        + "client_close or abrupt", "reason", s -> byLabel(s.connections().closedByReason())),
    CONNECTIONS_REFUSED(Type.COUNTER, "tokenfeed_connections_refused", "Connections refused before they opened, by reason "
        + "(connection_limit, unauthorized, overloaded, server_shutdown)", "reason", s -> byLabel(s.connections().refusedByReason())),
    SESSIONS(Type.GAUGE, "tokenfeed_sessions", "Sessions attached to an open connection (subscribers and publishers)", null,
        s -> List.of(Sample.of(s.engine().sessionCount()))),
    SESSIONS_DETACHED(Type.GAUGE, "tokenfeed_sessions_detached", "Subscriber sessions kept for a resume after their connection "
        + "dropped", null, s -> List.of(Sample.of(s.engine().deliveryStats().detachedSessions()))),
    SESSIONS_HELD(Type.GAUGE, "tokenfeed_sessions_held", "Connections held back by backpressure (their updates wait, conflated)",
        null, s -> List.of(Sample.of(s.engine().deliveryStats().heldSessions()))),
    SUBSCRIPTIONS(Type.GAUGE, "tokenfeed_subscriptions", "Subscriptions to tokens with data, over all connections (a token followed "
        + "by N connections counts N)", null, s -> List.of(Sample.of(s.engine().subscriptionCount()))),
    TOKENS(Type.GAUGE, "tokenfeed_tokens", "Distinct token addresses the server has seen from its sources", null,
        s -> List.of(Sample.of(s.engine().tokens().size()))),
    DATA_MESSAGES_SENT(Type.COUNTER, "tokenfeed_data_messages_sent", "token_update and token_batch messages sent to subscribers "
        + "(live and snapshots)", null, s -> List.of(Sample.of(s.engine().deliveryStats().messagesSent()))),
    DELIVERIES(Type.COUNTER, "tokenfeed_deliveries", "Token states delivered to subscribers: one per token per connection, however "
        + "batched", null, s -> List.of(Sample.of(s.engine().deliveryStats().tokensDelivered()))),
    RING_REMAINING(Type.GAUGE, "tokenfeed_ring_remaining_slots", "Free slots of the pipeline ring (ingest is refused with "
        + "OVERLOADED when a batch does not fit)", null, s -> List.of(Sample.of(s.engine().ringRemainingCapacity()))),
    RING_SIZE(Type.GAUGE, "tokenfeed_ring_slots", "Slots of the pipeline ring", null,
        s -> List.of(Sample.of(s.engine().config().ringSize()))),
    PIPELINE_ERRORS(Type.COUNTER, "tokenfeed_pipeline_errors", "Exceptions caught in the pipeline stages (each also logged)",
        null, s -> List.of(Sample.of(s.engine().pipelineErrors()))),
    HEARTBEAT_TIMEOUTS(Type.COUNTER, "tokenfeed_heartbeat_timeouts", "Connections closed because no pong came within two "
        + "heartbeat intervals", null, s -> List.of(Sample.of(s.engine().deliveryStats().heartbeatTimeouts()))),
    SLOW_CONSUMERS(Type.COUNTER, "tokenfeed_slow_consumers", "Connections closed with SLOW_CONSUMER (4001)", null,
        s -> List.of(Sample.of(s.engine().deliveryStats().slowConsumers()))),
    RESUMES(Type.COUNTER, "tokenfeed_resumes", "Resume requests by outcome: replayed (success) or unavailable "
        + "(RESUME_UNAVAILABLE, snapshots instead)", "outcome", s -> resumes(s.engine().deliveryStats())),
    MESSAGES_REPLAYED(Type.COUNTER, "tokenfeed_messages_replayed", "Messages replayed to resumed sessions", null,
        s -> List.of(Sample.of(s.engine().deliveryStats().messagesReplayed()))),
    CONFLATED_UPDATES(Type.COUNTER, "tokenfeed_conflated_updates", "Token updates replaced by a newer one before a held-back or "
        + "detached session could take them", null, s -> List.of(Sample.of(s.engine().deliveryStats().conflatedUpdates()))),
    SESSIONS_EXPIRED(Type.COUNTER, "tokenfeed_sessions_expired", "Detached sessions given up: their resume window ended, or room "
        + "was needed", null, s -> List.of(Sample.of(s.engine().deliveryStats().sessionsExpired()))),
    RESUME_BUFFER_BYTES(Type.GAUGE, "tokenfeed_resume_buffer_bytes", "Heap held for replays by all sessions: used (kept "
        + "messages) and capacity (their rings)", "kind", s -> List.of(
            Sample.of("used", s.engine().deliveryStats().retainedBytes()),
            Sample.of("capacity", s.engine().deliveryStats().retainedCapacityBytes()))),
    DELIVERY_LATENCY(Type.SUMMARY, "tokenfeed_delivery_latency_seconds", "Ingest-to-socket latency of every delivery (from the "
        + "update entering the ring to its message handed to the connection): quantiles over the sliding window "
        + "monitoring.latency-window-ms, count and sum since start", null, s -> List.of()),
    RING_DWELL(Type.SUMMARY, "tokenfeed_ring_dwell_seconds", "How long token updates wait in the ring before each stage takes "
        + "them (from publication), over the sliding window: where ingest-to-socket time goes", "stage", s -> List.of()),
    DELIVERY_LATENCY_MAX(Type.GAUGE, "tokenfeed_delivery_latency_max_seconds", "Largest ingest-to-socket latency in the sliding "
        + "window", null, s -> List.of(Sample.of(s.engine().latency().window().getMaxValue() / 1e9))),
    LATENCY_BUDGET(Type.GAUGE, "tokenfeed_latency_budget_seconds", "The latency budget (monitoring.latency-budget-ms) that "
        + "the window's p99 must stay under", null, s -> List.of(Sample.of(s.engine().latencyBudget().budgetNs() / 1e9))),
    LATENCY_BUDGET_BREACHED(Type.GAUGE, "tokenfeed_latency_budget_breached", "1 while the window's p99 is over the budget "
        + "(readiness is then DEGRADED), else 0", null, s -> List.of(Sample.of(s.engine().latencyBudget().breach() == null ? 0 : 1))),
    LATENCY_BUDGET_BREACHES(Type.COUNTER, "tokenfeed_latency_budget_breaches", "Times the window's p99 went over the budget",
        null, s -> List.of(Sample.of(s.engine().latencyBudget().breaches()))),
    MESSAGES_SENT(Type.COUNTER, "tokenfeed_messages_sent", "Messages sent to sessions by type (replays counted apart, in "
        + "tokenfeed_messages_replayed)", "type", s -> byType(s.engine().pipelineCounters(), false)),
    BYTES_SENT(Type.COUNTER, "tokenfeed_bytes_sent", "Bytes of the messages sent to sessions (JSON text, before WebSocket framing), by "
        + "type", "type", s -> byType(s.engine().pipelineCounters(), true)),
    MESSAGES_RECEIVED(Type.COUNTER, "tokenfeed_messages_received", "WebSocket messages received, by endpoint (subscriber, ingest) and "
        + "kind (subscription, ack, resume, ping, token_data, invalid)", "endpoint,type", s -> received(s.inbound())),
    BYTES_RECEIVED(Type.COUNTER, "tokenfeed_bytes_received", "Bytes of the WebSocket messages received (payload), by endpoint",
        "endpoint", s -> List.of(
            Sample.of("subscriber", s.inbound().bytes(InboundCounters.Endpoint.SUBSCRIBER)),
            Sample.of("ingest", s.inbound().bytes(InboundCounters.Endpoint.INGEST)))),
    BATCH_ENTRIES(Type.HISTOGRAM, "tokenfeed_batch_entries", "Token states per data message sent (1: a token_update; more: a "
        + "token_batch): how much smart batching saves", null, s -> List.of()),
    INGEST_OVERLOADED(Type.COUNTER, "tokenfeed_ingest_overloaded", "Ingest messages refused whole with OVERLOADED (the ring had no "
        + "room), by endpoint: websocket, http", "endpoint", s -> List.of(Sample.of("websocket", s.inbound().overloaded("websocket")),
            Sample.of("http", s.inbound().overloaded("http")))),
    SUBSCRIBED_TOKENS(Type.GAUGE, "tokenfeed_subscribed_tokens", "Distinct tokens with at least one subscriber", null,
        s -> List.of(Sample.of(s.engine().deliveryStats().subscribedTokens()))),
    ERRORS(Type.COUNTER, "tokenfeed_errors", "error messages sent to sessions, by code and level (refusals before a session exists "
        + "are in tokenfeed_connections_refused)", "code,level", s -> errors(s.engine().pipelineCounters())),
    INGEST_UPDATES(Type.COUNTER, "tokenfeed_ingest_updates", "Ingested updates by outcome: applied, duplicate (not newer than the "
        + "token's version: acknowledged, not applied), rejected (invalid); messages refused whole are in "
        + "tokenfeed_ingest_overloaded", "outcome", s -> List.of(
            Sample.of("applied", s.engine().pipelineCounters().ingestApplied()),
            Sample.of("duplicate", s.engine().pipelineCounters().ingestDuplicates()),
            Sample.of("rejected", s.engine().pipelineCounters().ingestRejected())));

    /** What the server sends to sessions. */
    private static final MessageType[] SERVER_TYPES = {MessageType.CONNECTION, MessageType.SUBSCRIPTION, MessageType.TOKEN_UPDATE,
        MessageType.TOKEN_BATCH, MessageType.ERROR, MessageType.HEARTBEAT, MessageType.RESUME, MessageType.INGEST_ACK};

    /** How the exporter presents a metric. */
    public enum Type
    {
        COUNTER,
        GAUGE,
        SUMMARY,
        HISTOGRAM
    }

    private final Type type;
    private final String prometheusName;
    private final String help;
    private final String[] labels;
    private final Function<MetricSources, List<Sample>> read;

    Metric(final Type type, final String prometheusName, final String help, final String label,
        final Function<MetricSources, List<Sample>> read)
    {
        this.type = type;
        this.prometheusName = prometheusName;
        this.help = help;
        this.labels = label == null ? new String[0] : label.split(",");
        this.read = read;
    }

    public Type type()
    {
        return type;
    }

    public String prometheusName()
    {
        return prometheusName;
    }

    public String help()
    {
        return help;
    }

    /** @return the labels' names, in the order of each sample's values (empty for a metric without labels) */
    public String[] labels()
    {
        return labels.clone();
    }

    List<Sample> read(final MetricSources sources)
    {
        return read.apply(sources);
    }

    private static List<Sample> byLabel(final Map<String, Long> counts)
    {
        final List<Sample> samples = new ArrayList<>(counts.size());
        counts.forEach((labelValue, count) -> samples.add(Sample.of(labelValue, count)));
        return samples;
    }

    private static List<Sample> byType(final PipelineCounters counters, final boolean bytes)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final MessageType type : SERVER_TYPES)
        {
            samples.add(Sample.of(type.wireName(), bytes ? counters.bytesSent(type) : counters.messagesSent(type)));
        }
        return samples;
    }

    private static List<Sample> received(final InboundCounters inbound)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final InboundCounters.Endpoint endpoint : InboundCounters.Endpoint.values())
        {
            for (final InboundCounters.Kind kind : InboundCounters.Kind.values())
            {
                samples.add(Sample.of(endpoint.name().toLowerCase(Locale.ROOT), kind.name().toLowerCase(Locale.ROOT),
                    inbound.messages(endpoint, kind)));
            }
        }
        return samples;
    }

    private static List<Sample> errors(final PipelineCounters counters)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final ErrorCode code : ErrorCode.values())
        {
            samples.add(Sample.of(code.name(), code.defaultLevel().wireName(), counters.errors(code)));
        }
        return samples;
    }

    private static List<Sample> resumes(final DeliveryStats stats)
    {
        return List.of(Sample.of("replayed", stats.resumesReplayed()), Sample.of("unavailable", stats.resumesUnavailable()));
    }
}
