package io.tokenfeed.transport.http;

import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.UpdatePublisher;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.IngestDecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.transport.auth.ApiKeys;
import io.tokenfeed.transport.ws.InboundCounters;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/ingest}: one batch, body as {@code token_batch.data}. 200 with the {@code ingest_ack} once every
 * valid update is in the pipeline; 400 for a body that is not a batch; 401 without a valid key; 405 for other methods;
 * 413 over {@code limits.max-message-bytes} (refused from Content-Length, or as soon as the body passes the limit);
 * 503 {@code OVERLOADED} when the ring has no room (nothing applied). No thread waits for the pipeline.
 */
public final class HttpIngestHandler implements HttpHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestHandler.class);
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(
        () -> new JsonCodec(JsonCodec.DEFAULT_MAX_TOKENS_PER_REQUEST, JsonCodec.DEFAULT_MAX_BATCH_UPDATES, DecodeMode.FROM_CLIENT));

    private final InboundCounters inbound;
    private final UpdatePublisher publisher;
    private final TokenRegistry tokens;
    private final ApiKeys keys;
    private final long maxMessageBytes;
    /** Logged at powers of two only: an unauthenticated flood must not flood the log. */
    private final AtomicLong unauthorized = new AtomicLong();

    public HttpIngestHandler(final UpdatePublisher publisher, final TokenRegistry tokens, final ApiKeys keys, final long maxMessageBytes,
        final InboundCounters inbound)
    {
        this.inbound = inbound;
        this.publisher = publisher;
        this.tokens = tokens;
        this.keys = keys;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        if (!Methods.POST.equals(exchange.getRequestMethod()))
        {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            JsonResponses.error(exchange, 405, ErrorCode.INVALID_MESSAGE, "use POST with a token_batch data object");
            return;
        }
        if (!keys.accepts(ApiKeys.bearerKey(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))))
        {
            final long refused = unauthorized.incrementAndGet();
            if (Long.bitCount(refused) == 1)
            {
                LOG.warn("HTTP ingest from {} refused: missing or invalid API key ({} so far)", exchange.getSourceAddress(), refused);
            }
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            JsonResponses.error(exchange, 401, ErrorCode.UNAUTHORIZED, keys.isEmpty()
                ? "no publisher key is configured on this server" : "missing or invalid API key (Authorization: Bearer <key>)");
            return;
        }
        if (exchange.getRequestContentLength() > maxMessageBytes)
        {
            tooLarge(exchange);
            return;
        }
        exchange.setMaxEntitySize(maxMessageBytes);
        exchange.getRequestReceiver().receiveFullBytes(this::ingest, (ex, failure) ->
        {
            if (failure instanceof RequestTooBigException)
            {
                tooLarge(ex);
            }
            else
            {
                JsonResponses.error(ex, 400, ErrorCode.INVALID_MESSAGE, "could not read the request body");
            }
        });
    }

    private void ingest(final HttpServerExchange exchange, final byte[] body)
    {
        final long receivedAtMs = System.currentTimeMillis();
        final IngestDecodeResult decoded = CODEC.get().decodeIngestBody(body, body.length);
        if (!decoded.isSuccess())
        {
            JsonResponses.error(exchange, 400, decoded.error(), decoded.errorMessage());
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () ->
        {
            try
            {
                final IngestBatch batch = IngestBatch.prepare(IngestBatch.NO_CONNECTION, -1,
                    ack -> exchange.getIoThread().execute(() -> JsonResponses.send(exchange, 200, CODEC.get().encode(ack))),
                    decoded.updates(), decoded.updateIndexes(), decoded.rejected(), tokens);
                if (!publisher.tryPublishIngest(batch, receivedAtMs))
                {
                    inbound.overloaded(true);
                    JsonResponses.error(exchange, 503, ErrorCode.OVERLOADED, "pipeline full: nothing of this batch was applied, retry it");
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.error("HTTP ingest from {} could not be processed", exchange.getSourceAddress(), ex);
                JsonResponses.error(exchange, 500, ErrorCode.INTERNAL_ERROR, "the batch could not be processed");
            }
        });
    }

    private void tooLarge(final HttpServerExchange exchange)
    {
        JsonResponses.error(exchange, 413, ErrorCode.MESSAGE_TOO_LARGE,
            "the body exceeds limits.max-message-bytes (" + maxMessageBytes + ")");
    }
}
