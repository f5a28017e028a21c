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

    public static void error(final HttpServerExchange exchange, final int status, final ErrorCode code, final String message)
    {
        final ErrorMessage error = new ErrorMessage(-1, System.currentTimeMillis(), code, message, code.defaultLevel(), -1, -1);
        send(exchange, status, CODEC.get().encode(error));
    }
}
