package io.tokenfeed.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /health/live} and {@code /health/ready}: 200 with {@code {"status":"UP"}}, or 503 with
 * {@code {"status":"DOWN","reason":"..."}} when the readiness check names a reason.
 */
public final class HealthHandler implements HttpHandler
{
    private final Supplier<String> notReadyReason;

    /** @param notReadyReason null when ready, otherwise why not. */
    public HealthHandler(final Supplier<String> notReadyReason)
    {
        this.notReadyReason = notReadyReason;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        final String reason = notReadyReason.get();
        if (reason == null)
        {
            JsonResponses.send(exchange, 200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII));
        }
        else
        {
            JsonResponses.send(exchange, 503,
                ("{\"status\":\"DOWN\",\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
