package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link Connector} needs to open one connection.
 *
 * @param uri the endpoint, query included
 * @param headers extra request headers of the upgrade (the API key)
 * @param timeout how long opening the WebSocket (TCP, TLS, upgrade) may take
 * @param maxQueuedMessages messages handed to the client thread and not yet processed beyond which the socket is read
 *     no further, so that a slow listener pushes back on the server instead of filling memory
 * @param maxMessageBytes largest message accepted from the server (text, or compressed binary); a larger one drops the
 *     connection
 * @param clock stamps each message with its arrival time
 */
public record ConnectSpec(URI uri, Map<String, String> headers, Duration timeout, int maxQueuedMessages, int maxMessageBytes,
                          ClientClock clock)
{
    /** Copies the headers: the spec is shared with the JDK's threads. */
    public ConnectSpec
    {
        headers = Map.copyOf(headers);
    }
}
