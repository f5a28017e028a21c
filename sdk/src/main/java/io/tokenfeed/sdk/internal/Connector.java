package io.tokenfeed.sdk.internal;

import java.util.function.Consumer;

/** Opens connections: the seam between the client's logic and the network (tests substitute their own). */
public interface Connector
{
    /**
     * Starts opening a connection and returns at once. Its outcome, and everything it receives, is posted to
     * {@code sink} as {@link Inbound} events carrying {@code linkId}, from whatever thread the network uses.
     *
     * @param linkId the id the events will carry
     * @param spec where and how
     * @param sink the client thread's inbox
     * @return the connection, usable at once (sends wait for it to open)
     * @throws IllegalArgumentException when the spec can never be connected with (a header value the HTTP client
     *     refuses, for example): the client then fails at once rather than retry
     */
    Link connect(long linkId, ConnectSpec spec, Consumer<Inbound> sink);
}
