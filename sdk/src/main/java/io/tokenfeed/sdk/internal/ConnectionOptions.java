package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The connection settings shared by both clients, as the builders leave them (checked there).
 *
 * @param uri the endpoint, query included
 * @param headers headers of the upgrade request
 * @param connectTimeout how long an attempt may take from its start to the server's greeting
 * @param backoffBase the first reconnect window
 * @param backoffCap the largest reconnect window
 * @param maxRetries reconnect attempts after a loss before giving up; -1 for no limit
 * @param heartbeatInterval the interval assumed until a greeting gives the server's
 * @param maxQueuedMessages received messages waiting for the client thread beyond which reading pauses
 * @param maxMessageBytes largest server message accepted (inflated size for compressed ones)
 * @param clock the time source of every timer
 * @param random the backoff's jitter source
 * @param connector opens connections
 * @param threadName the client thread's name
 */
public record ConnectionOptions(URI uri, Map<String, String> headers, Duration connectTimeout, Duration backoffBase,
                                Duration backoffCap, int maxRetries, Duration heartbeatInterval, int maxQueuedMessages,
                                int maxMessageBytes, ClientClock clock, RandomGenerator random, Connector connector,
                                String threadName)
{
    /** Copies the headers: options are shared with the JDK's threads. */
    public ConnectionOptions
    {
        headers = Map.copyOf(headers);
    }

    ConnectSpec connectSpec()
    {
        return new ConnectSpec(uri, headers, connectTimeout, maxQueuedMessages, maxMessageBytes, clock);
    }
}
