package io.tokenfeed.sdk;

import io.tokenfeed.sdk.internal.ConnectionOptions;
import io.tokenfeed.sdk.internal.Connector;
import io.tokenfeed.sdk.internal.JdkConnector;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The settings both clients share: where to connect, how to reconnect, and whom to tell. Defaults follow
 * protocol.md 4.4 (backoff 1 s base, 30 s cap, full jitter) and docs/sdk.md lists them all.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>>
{
    /** Largest server message accepted by default: eight times the server's default {@code limits.max-message-bytes}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    final List<StateListener> stateListeners = new ArrayList<>();
    final List<ErrorListener> errorListeners = new ArrayList<>();
    private URI uri;
    private String apiKey;
    private boolean zstd;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffCap = Duration.ofSeconds(30);
    private int maxRetries = -1;
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private int maxQueuedMessages = 1024;
    private ClientClock clock = ClientClock.system();
    private RandomGenerator random;
    private Connector connector;
    private String threadName;

    ClientBuilder()
    {
    }

    /**
     * @param endpoint the WebSocket endpoint, {@code ws://} or {@code wss://}, e.g.
     *     {@code ws://localhost:8080/api/v1/ws/token-data}; required
     * @return this builder
     */
    public B uri(final URI endpoint)
    {
        this.uri = Objects.requireNonNull(endpoint, "uri");
        return self();
    }

    /**
     * @param endpoint as for {@link #uri(URI)}
     * @return this builder
     */
    public B uri(final String endpoint)
    {
        return uri(URI.create(endpoint));
    }

    /**
     * @param key sent as {@code Authorization: Bearer <key>} on every connection; required by publishers (subscribers:
     *     the server ignores it today). Leading and trailing whitespace is removed (a key read from a file or an
     *     environment variable often ends with a newline); null means no key.
     * @return this builder
     * @throws IllegalArgumentException when the key is blank or holds a character an HTTP header cannot carry (anything
     *     but visible ASCII): no connection could ever send it
     */
    public B apiKey(final String key)
    {
        this.apiKey = key == null ? null : checkedApiKey(key.strip());
        return self();
    }

    /**
     * @param enabled asks for zstd-compressed binary messages ({@code compression=zstd}); text messages are still read
     *     (the current server ignores the request and sends text). Default off.
     * @return this builder
     */
    public B compression(final boolean enabled)
    {
        this.zstd = enabled;
        return self();
    }

    /**
     * @param bytes largest server message accepted, counted after inflating a compressed one; a larger one drops the
     *     connection. Default {@value #DEFAULT_MAX_MESSAGE_BYTES}. When a server's greeting announces a larger
     *     {@code maxMessageBytes}, the client warns once (error listeners and log).
     * @return this builder
     */
    public B maxMessageBytes(final int bytes)
    {
        this.maxMessageBytes = positive(bytes, "maxMessageBytes");
        return self();
    }

    /**
     * @param timeout how long one attempt may take from its start to the server's greeting; default 5 s
     * @return this builder
     */
    public B connectTimeout(final Duration timeout)
    {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * @param base the window of the first retry; default 1 s
     * @param cap the largest window; default 30 s. Retry n waits a random time in {@code [0, min(cap, base * 2^n))}.
     * @return this builder
     */
    public B backoff(final Duration base, final Duration cap)
    {
        this.backoffBase = positive(base, "backoff base");
        this.backoffCap = positive(cap, "backoff cap");
        if (cap.compareTo(base) < 0)
        {
            throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
        }
        return self();
    }

    /**
     * @param retries consecutive failed attempts after which the client gives up ({@link ConnectionState#FAILED});
     *     -1 (the default) never gives up, 0 never reconnects
     * @return this builder
     */
    public B maxRetries(final int retries)
    {
        if (retries < -1)
        {
            throw new IllegalArgumentException("maxRetries must be -1 (no limit) or more, got " + retries);
        }
        this.maxRetries = retries;
        return self();
    }

    /**
     * @param interval the server's heartbeat interval to assume until its greeting gives the real one; the connection
     *     is dropped after two intervals without a message or ping. Default 15 s.
     * @return this builder
     */
    public B heartbeatInterval(final Duration interval)
    {
        this.heartbeatInterval = positive(interval, "heartbeatInterval");
        return self();
    }

    /**
     * @param messages received messages the client thread may have waiting before the socket is read no further;
     *     default 1024
     * @return this builder
     */
    public B maxQueuedMessages(final int messages)
    {
        this.maxQueuedMessages = positive(messages, "maxQueuedMessages");
        return self();
    }

    /**
     * @param source the time source of every timer; the system clock by default (tests pass their own)
     * @return this builder
     */
    public B clock(final ClientClock source)
    {
        this.clock = Objects.requireNonNull(source, "clock");
        return self();
    }

    /**
     * @param source the backoff's jitter; a fresh {@link SplittableRandom} by default (tests pin it)
     * @return this builder
     */
    public B random(final RandomGenerator source)
    {
        this.random = Objects.requireNonNull(source, "random");
        return self();
    }

    /**
     * @param listener told of every state transition; may be called several times to add several
     * @return this builder
     */
    public B onStateChange(final StateListener listener)
    {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * @param listener told of every error; may be called several times to add several
     * @return this builder
     */
    public B onError(final ErrorListener listener)
    {
        errorListeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * @param name the client thread's name
     * @return this builder
     */
    public B threadName(final String name)
    {
        this.threadName = Objects.requireNonNull(name, "threadName");
        return self();
    }

    /** Tests open connections their own way. */
    B connector(final Connector custom)
    {
        this.connector = custom;
        return self();
    }

    abstract B self();

    ConnectionOptions connectionOptions(final String defaultThreadName)
    {
        if (uri == null)
        {
            throw new IllegalStateException("uri is required");
        }
        final String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme))
        {
            throw new IllegalStateException("uri must be ws:// or wss://, got " + uri);
        }
        final Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null)
        {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        return new ConnectionOptions(zstd ? withQuery(uri, "compression=zstd") : uri, headers, connectTimeout, backoffBase,
            backoffCap, maxRetries, heartbeatInterval, maxQueuedMessages, maxMessageBytes, clock,
            random != null ? random : new SplittableRandom(), connector != null ? connector : new JdkConnector(),
            threadName != null ? threadName : defaultThreadName);
    }

    ClientClock clock()
    {
        return clock;
    }

    static URI withQuery(final URI base, final String parameter)
    {
        String text = base.toString();
        String fragment = "";
        final int hash = text.indexOf('#');
        if (hash >= 0)
        {
            fragment = text.substring(hash);
            text = text.substring(0, hash);
        }
        return URI.create(text + (base.getRawQuery() == null ? '?' : '&') + parameter + fragment);
    }

    /** The message never quotes the key: it is a secret, and may end up in a log. */
    static String checkedApiKey(final String key)
    {
        if (key.isEmpty())
        {
            throw new IllegalArgumentException("apiKey is blank");
        }
        for (int i = 0; i < key.length(); i++)
        {
            final char c = key.charAt(i);
            if (c < '!' || c > '~')
            {
                throw new IllegalArgumentException("apiKey has a character an HTTP header cannot carry at index " + i + " (U+"
                    + String.format("%04X", (int)c) + "); only visible ASCII is allowed");
            }
        }
        return key;
    }

    static int positive(final int value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    static Duration positive(final Duration value, final String name)
    {
        if (value == null || value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
