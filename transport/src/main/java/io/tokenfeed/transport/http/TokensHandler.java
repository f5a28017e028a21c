package io.tokenfeed.transport.http;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.TokenQuery;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.TokenAddress;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.util.Deque;

/**
 * {@code GET /api/v1/tokens?limit=N} and {@code GET /api/v1/tokens/{address}}. The read travels through the ring and
 * is answered by the fan-out stage from what it has delivered; the exchange waits asynchronously, no thread blocks.
 */
public final class TokensHandler implements HttpHandler
{
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final EngineIngress ingress;
    private final TokenRegistry tokens;

    public TokensHandler(final EngineIngress ingress, final TokenRegistry tokens)
    {
        this.ingress = ingress;
        this.tokens = tokens;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        if (!Methods.GET.equals(exchange.getRequestMethod()))
        {
            exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, "GET");
            JsonResponses.error(exchange, 405, ErrorCode.INVALID_MESSAGE, "only GET is supported here");
            return;
        }
        final String rest = exchange.getRelativePath();
        if (rest.isEmpty() || "/".equals(rest))
        {
            list(exchange);
        }
        else
        {
            one(exchange, rest.substring(1));
        }
    }

    private void list(final HttpServerExchange exchange)
    {
        final Deque<String> limitParam = exchange.getQueryParameters().get("limit");
        int limit = DEFAULT_LIMIT;
        if (limitParam != null && !limitParam.isEmpty())
        {
            try
            {
                limit = Integer.parseInt(limitParam.getFirst());
            }
            catch (final NumberFormatException ex)
            {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT)
            {
                JsonResponses.error(exchange, 400, ErrorCode.INVALID_MESSAGE, "limit must be an integer in 1.." + MAX_LIMIT);
                return;
            }
        }
        ask(exchange, TokenQuery.ALL, limit, null);
    }

    private void one(final HttpServerExchange exchange, final String raw)
    {
        final String address = TokenAddress.canonicalize(raw);
        if (address == null)
        {
            JsonResponses.error(exchange, 400, ErrorCode.INVALID_TOKEN_ADDRESS,
                "not an EVM (0x + 40 hex) or Solana (base58, 32-44 chars) address");
            return;
        }
        final int tokenId = tokens.lookup(address);
        if (tokenId < 0)
        {
            notFound(exchange, address);
            return;
        }
        ask(exchange, tokenId, 1, address);
    }

    private void ask(final HttpServerExchange exchange, final int tokenId, final int limit, final String address)
    {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () ->
        {
            final TokenQuery query = new TokenQuery(tokenId, limit, json -> exchange.getIoThread().execute(() ->
            {
                if (json == null)
                {
                    notFound(exchange, address);
                }
                else
                {
                    JsonResponses.send(exchange, 200, json);
                }
            }));
            if (!ingress.query(query))
            {
                JsonResponses.error(exchange, 503, ErrorCode.OVERLOADED, "pipeline full, retry shortly");
            }
        });
    }

    private static void notFound(final HttpServerExchange exchange, final String address)
    {
        JsonResponses.error(exchange, 404, ErrorCode.INVALID_TOKEN_ADDRESS, "no data known for token " + address);
    }
}
