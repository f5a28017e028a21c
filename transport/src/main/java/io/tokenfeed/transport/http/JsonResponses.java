package io.tokenfeed.transport.http;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Writes HTTP JSON bodies; errors use the contract's {@code error} message shape (without a sequence). */
public final class JsonResponses
{
    private static final String JSON = "application/json";
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(JsonCodec::new);

    private JsonResponses()
    {
    }

    public static void send(final HttpServerExchange exchange, final int status, final byte[] json)
    {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }

    /** A full pipeline drains in milliseconds: a short, fixed hint is enough for a retrying client. */
    static final long RETRY_AFTER_MS = 100;

    /** Codes that the contract gives a {@code retryAfterMs} carry {@link #RETRY_AFTER_MS} and a Retry-After header. */
    public static void error(final HttpServerExchange exchange, final int status, final ErrorCode code, final String message)
    {
        final long retryAfterMs = code.hasRetryAfter() ? RETRY_AFTER_MS : -1;
        if (retryAfterMs > 0)
        {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        final ErrorMessage error = new ErrorMessage(-1, System.currentTimeMillis(), code, message, code.defaultLevel(), -1, retryAfterMs);
        send(exchange, status, CODEC.get().encode(error));
    }
}
