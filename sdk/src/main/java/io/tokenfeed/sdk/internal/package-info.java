/**
 * The machinery behind the SDK's clients; not API, it may change in any release.
 *
 * <p>Ownership: {@link io.tokenfeed.sdk.internal.ClientLoop} is a client's one thread. It alone calls
 * {@link io.tokenfeed.sdk.internal.ConnectionManager} (states, attempts, timers, sequence checks) and the session
 * behind it ({@link io.tokenfeed.sdk.internal.SubscriberSession} or {@link io.tokenfeed.sdk.internal.PublisherSession}),
 * so none of them needs a lock. Other threads only post to its inbox: the WebSocket listener
 * ({@link io.tokenfeed.sdk.internal.JdkLink}) posts {@link io.tokenfeed.sdk.internal.Inbound} events, application
 * threads post commands.
 */
package io.tokenfeed.sdk.internal;
