package io.tokenfeed.sdk;

import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP token API (protocol.md 11): the latest state of one token, or of the most recently updated ones. Blocking
 * calls over {@code java.net.http}; thread-safe.
 */
public final class TokenFeedHttp
{
    private static final String TOKENS_KEY = "\"tokens\":";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    /**
     * @param base the server's HTTP address, e.g. {@code http://localhost:8080}
     */
    public TokenFeedHttp(final URI base)
    {
        this(base, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    /**
     * @param base the server's HTTP address
     * @param http the client to send requests with
     */
    public TokenFeedHttp(final URI base, final HttpClient http)
    {
        final String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = http;
    }

    /**
     * {@code GET /api/v1/tokens?limit=N}.
     *
     * @param limit 1 to 1000
     * @return the tokens with data, most recently updated first
     * @throws IOException on a network failure or an answer other than 200
     * @throws InterruptedException when the calling thread is interrupted
     */
    public List<TokenData> tokens(final int limit) throws IOException, InterruptedException
    {
        final String body = get("/api/v1/tokens?limit=" + limit, false);
        return parseTokenList(body);
    }

    /**
     * {@code GET /api/v1/tokens/{address}}.
     *
     * @param address the token
     * @return its latest state, empty when the server has no data for it
     * @throws IOException on a network failure, an invalid address, or an answer other than 200 and 404
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Optional<TokenData> token(final String address) throws IOException, InterruptedException
    {
        final String body = get("/api/v1/tokens/" + URLEncoder.encode(address, StandardCharsets.UTF_8), true);
        if (body == null)
        {
            return Optional.empty();
        }
        final DecodeResult result = codec().decode(wrap("{\"type\":\"token_update\",\"data\":", body, "}"));
        if (!result.isSuccess())
        {
            throw new IOException("unreadable token: " + result.errorMessage());
        }
        return Optional.of(((TokenUpdateMessage)result.message()).data());
    }

    /**
     * Reads the body of the token list, {@code {"count":N,"tokens":[...]}}. Its entries have the shape of
     * {@code token_batch} entries, so the protocol's own decoder reads them once the list is named {@code updates}: the
     * SDK has one JSON codec, the protocol module's.
     */
    static List<TokenData> parseTokenList(final String body) throws IOException
    {
        final int key = body.indexOf(TOKENS_KEY);
        if (key < 0)
        {
            throw new IOException("not a token list: " + abbreviate(body));
        }
        int open = key + TOKENS_KEY.length();
        while (open < body.length() && Character.isWhitespace(body.charAt(open)))
        {
            open++;
        }
        int next = open + 1;
        while (next < body.length() && Character.isWhitespace(body.charAt(next)))
        {
            next++;
        }
        if (open >= body.length() || body.charAt(open) != '[' || next >= body.length())
        {
            throw new IOException("not a token list: " + abbreviate(body));
        }
        if (body.charAt(next) == ']')
        {
            return List.of();
        }
        // Only this key is renamed: token entries hold no quotes but those around their own keys and strings.
        final String renamed = body.substring(0, key) + "\"updates\":" + body.substring(key + TOKENS_KEY.length());
        final byte[] bytes = renamed.getBytes(StandardCharsets.UTF_8);
        final DecodeResult result = codec().decodeTokenBatchData(bytes, bytes.length);
        if (!result.isSuccess())
        {
            throw new IOException("unreadable token list: " + result.errorMessage());
        }
        return ((TokenBatchMessage)result.message()).updates();
    }

    private String get(final String path, final boolean notFoundIsEmpty) throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 404 && notFoundIsEmpty)
        {
            return null;
        }
        if (response.statusCode() != 200)
        {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return response.body();
    }

    private static JsonCodec codec()
    {
        // Calls are rare and may come from any thread: a codec per call costs less than sharing one safely.
        return new JsonCodec();
    }

    private static byte[] wrap(final String before, final String body, final String after)
    {
        return (before + body + after).getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
