/**
 * The tokenfeed Java SDK: {@link io.tokenfeed.sdk.TokenFeedSubscriber} streams token updates from the subscriber
 * endpoint, {@link io.tokenfeed.sdk.TokenFeedPublisher} feeds updates into the ingest endpoint, and
 * {@link io.tokenfeed.sdk.TokenFeedHttp} reads the HTTP token API.
 *
 * <p>Threading: each client owns one thread. The JDK WebSocket's own threads only assemble frames and queue them; the
 * client thread decodes them, runs the state machine, the timers (backoff, watchdog, acks, linger) and calls every
 * listener, in the order of the server's {@code sequence}. A listener that blocks therefore delays everything of its
 * client (the socket is read no further once the client's queue is full, see docs/sdk.md), and never runs
 * concurrently with another listener of the same client. A listener that throws is reported to the error listeners and
 * the client carries on. Never wait for a publish future on the client thread: it throws
 * {@link java.lang.IllegalStateException} rather than deadlock.
 *
 * <p>The message model ({@link io.tokenfeed.protocol.TokenData} and friends) is the protocol module's, shared with the
 * server; docs/protocol.md is the wire contract and docs/sdk.md the guide to this package.
 */
package io.tokenfeed.sdk;
