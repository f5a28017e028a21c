package io.tokenfeed.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /health/live} and {@code /health/ready}: 200 with {@code {"status":"UP"}}, or 503 with
 * {@code {"status":"DOWN"|"DEGRADED","reason":"..."}} when the check says why not: a load balancer drains the instance
 * either way, and the status tells an operator whether it is leaving or struggling.
 */
public final class HealthHandler implements HttpHandler
{
    private final Supplier<NotReady> notReady;

    /** @param notReady null when ready, otherwise the status and why. */
    public HealthHandler(final Supplier<NotReady> notReady)
    {
        this.notReady = notReady;
    }

    /** Why an instance should not get traffic: {@code DOWN} (going away) or {@code DEGRADED} (over its budget). */
    public record NotReady(String status, String reason)
    {
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        final NotReady reason = notReady.get();
        if (reason == null)
        {
            JsonResponses.send(exchange, 200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII));
        }
        else
        {
            JsonResponses.send(exchange, 503,
                ("{\"status\":\"" + escape(reason.status()) + "\",\"reason\":\"" + escape(reason.reason()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** JSON string escaping (RFC 8259): a reason may carry any text, the body must stay valid JSON. */
    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }
}
