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
        catch (final RuntimeException ex)
        {
            // A bad URI or header is refused at once; it is reported like any failed attempt.
            sink.accept(Inbound.failed(linkId, ex));
        }
        return link;
    }

    private static Throwable unwrap(final Throwable error)
    {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
