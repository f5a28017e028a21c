package io.tokenfeed.engine.ring;

/**
 * What a {@link PipelineEvent} carries. Data and control share the ring so the fan-out stage sees one total order.
 */
public enum EventType
{
    /** A slot a producer claimed but could not fill (a bug on its side): every stage passes it by. */
    NONE,
    /** A token update from a source (simulator, ingest). Touched by every stage. */
    TOKEN_UPDATE,
    /** A transport connection completed its upgrade; attachment is the {@link io.tokenfeed.engine.ClientChannel}. */
    CONNECTION_OPENED,
    /** A transport connection is gone; any pending output for it is dropped. */
    CONNECTION_CLOSED,
    /** A decoded client request; attachment is the command object built at the edge. */
    CLIENT_REQUEST,
    /** A client message that failed to decode; the fan-out stage answers it with a numbered error. */
    CLIENT_ERROR,
    /** A read of token state for the HTTP API; attachment is the query with its callback. */
    TOKEN_QUERY,
    /** Ends the ring range of one publisher message; attachment is its {@link io.tokenfeed.engine.IngestBatch}. */
    INGEST_DONE,
    /** The server is going down: every session gets {@code connection} / {@code disconnected} and close 1001. */
    SHUTDOWN,
    /** Time passes: the fan-out stage runs its deadlines (idle heartbeats) on its own thread. */
    TIMER_TICK
}
