package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that queues every server message, decoded, for the test to take. */
final class WsTestClient implements WebSocket.Listener, AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final JsonCodec codec = new JsonCodec(10_000, 1000, DecodeMode.FROM_SERVER);
    private WebSocket socket;
    private boolean answersClose = true;

    /** @param receivedMs when the listener got it, for end-to-end ages */
    record Received(String raw, Message message, long receivedMs)
    {
    }

    static WsTestClient connect(final int port)
    {
        return connect(port, "/api/v1/ws/token-data", null);
    }

    /**
     * A client that never answers the server's close frame (the JDK client otherwise replies at once): proves the
     * server closes a refused socket by itself.
     */
    static WsTestClient connectNotAnsweringClose(final int port, final String path, final String bearerKey)
    {
        final WsTestClient client = new WsTestClient();
        client.answersClose = false;
        return connect(client, port, path, bearerKey);
    }

    /** A publisher on the ingest endpoint, with {@code Authorization: Bearer <key>} when the key is not null. */
    static WsTestClient publisher(final int port, final String key)
    {
        return connect(port, "/api/v1/ws/ingest", key);
    }

    private static WsTestClient connect(final int port, final String path, final String bearerKey)
    {
        return connect(new WsTestClient(), port, path, bearerKey);
    }

    private static WsTestClient connect(final WsTestClient client, final int port, final String path, final String bearerKey)
    {
        final WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (bearerKey != null)
        {
            builder.header("Authorization", "Bearer " + bearerKey);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
            .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .join();
        return client;
    }

    /** For clients built elsewhere (e.g. over TLS) with this object as their listener. */
    void attach(final WebSocket socket)
    {
        this.socket = socket;
    }

    void send(final String json)
    {
        socket.sendText(json, true).join();
    }

    /** Sends without waiting for completion (the server may close the connection while reading it). */
    void sendAsync(final String json)
    {
        socket.sendText(json, true);
    }

    void sendBinary(final byte[] bytes)
    {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, failing the test after the timeout. */
    Received next()
    {
        try
        {
            final Received r = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a message within " + TIMEOUT).isNotNull();
            return r;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Messages arrived and not taken yet. */
    int queued()
    {
        return received.size();
    }

    /** The next message if one has arrived, otherwise null: never waits. */
    Received poll()
    {
        return received.poll();
    }

    @SuppressWarnings("unchecked")
    <T extends Message> T next(final Class<T> type)
    {
        final Received r = next();
        assertThat(r.message()).as(r.raw()).isInstanceOf(type);
        return (T)r.message();
    }

    /** Takes messages until one matches, returning all taken (the match last). */
    List<Received> until(final Predicate<Message> predicate)
    {
        final List<Received> taken = new ArrayList<>();
        while (true)
        {
            final Received r = next();
            taken.add(r);
            if (predicate.test(r.message()))
            {
                return taken;
            }
        }
    }

    int closeCode()
    {
        return closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void abort()
    {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            final String raw = partial.toString();
            partial.setLength(0);
            final byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            final DecodeResult result = codec.decode(bytes, bytes.length);
            received.add(new Received(raw, result.isSuccess() ? result.message() : null, System.currentTimeMillis()));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeCode.complete(statusCode);
        return answersClose ? null : new CompletableFuture<Void>();
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close()
    {
        if (!socket.isOutputClosed())
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
