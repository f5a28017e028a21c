package io.tokenfeed.sdk.internal;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Opens connections with the JDK's {@code java.net.http} WebSocket client. */
public final class JdkConnector implements Connector
{
    /** One HTTP client (one selector thread) serves every connection of every client in the process. */
    private static final class Shared
    {
        static final HttpClient HTTP = HttpClient.newHttpClient();
    }

    private final HttpClient http;

    /** A connector over the process-wide HTTP client. */
    public JdkConnector()
    {
        this(Shared.HTTP);
    }

    /**
     * @param http the HTTP client to open WebSockets with (its TLS settings apply to {@code wss://})
     */
    public JdkConnector(final HttpClient http)
    {
        this.http = http;
    }

    @Override
    public Link connect(final long linkId, final ConnectSpec spec, final Consumer<Inbound> sink)
    {
        final JdkLink link = new JdkLink(linkId, spec, sink);
        try
        {
            final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(spec.timeout());
            for (final Map.Entry<String, String> header : spec.headers().entrySet())
            {
                checkHeaderValue(header.getKey(), header.getValue());
                builder.header(header.getKey(), header.getValue());
            }
            builder.buildAsync(spec.uri(), link).whenComplete((socket, error) ->
            {
                if (error != null)
                {
                    sink.accept(Inbound.failed(linkId, unwrap(error)));
                }
            });
        }
        catch (final IllegalArgumentException ex)
        {
            // A header or URI the HTTP client refuses before opening anything: every attempt would fail the same way.
            // Thrown, not posted, so that the client fails at once instead of reconnecting forever (Connector#connect).
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            sink.accept(Inbound.failed(linkId, ex));
        }
        return link;
    }

    /**
     * The JDK checks header values only once the attempt has started, and reports a bad one as that attempt's failure
     * (quoting the value, an API key perhaps): checked here first, by the same rule (RFC 7230 field-content: visible
     * ASCII, space, tab, obs-text), so that it is refused at once and without the value.
     */
    static void checkHeaderValue(final String name, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            final boolean valid = c == ' ' || c == '\t' || (c >= '!' && c <= '~') || (c >= 0x80 && c <= 0xFF);
            if (!valid)
            {
                throw new IllegalArgumentException("the " + name + " header has a character HTTP cannot carry at index " + i
                    + " (U+" + String.format("%04X", (int)c) + ")");
            }
        }
    }

    private static Throwable unwrap(final Throwable error)
    {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
