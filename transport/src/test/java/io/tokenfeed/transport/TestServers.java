package io.tokenfeed.transport;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Starts real servers on ephemeral ports and feeds them updates through the engine's publisher. */
final class TestServers
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestServers()
    {
    }

    /** Simulator off, so every update is the test's own; more keys as {@code key, value} pairs. */
    static TokenFeedServer start(final String... keyValues)
    {
        TokenFeedConfig config = TokenFeedConfig.defaults()
            .with(ConfigKey.SERVER_PORT, "0")
            .with(ConfigKey.SERVER_HOST, "127.0.0.1")
            .with(ConfigKey.SIMULATOR_ENABLED, "false")
            .with(ConfigKey.SERVER_SHUTDOWN_GRACE_MS, "2000");
        for (int i = 0; i < keyValues.length; i += 2)
        {
            config = config.with(ConfigKey.forKey(keyValues[i]), keyValues[i + 1]);
        }
        return TokenFeedServer.start(config);
    }

    /** A plain GET on the server's HTTP port, the body as text. */
    static HttpResponse<String> get(final TokenFeedServer server, final String path) throws IOException, InterruptedException
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static String evm(final int i)
    {
        return String.format("0x%040x", i);
    }

    static TokenData data(final String address, final String price)
    {
        return new TokenData(address, price, "1000", new Volume("3", "2", "1"), -1, -1, false, false);
    }

    /** Publishes one update per address, all in one contiguous range of the ring. */
    static void publish(final TokenFeedServer server, final List<String> addresses, final String price)
    {
        final TokenFeedEngine engine = server.engine();
        final int[] ids = new int[addresses.size()];
        final List<TokenData> updates = new ArrayList<>();
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = engine.tokens().intern(addresses.get(i));
            updates.add(data(addresses.get(i), price));
        }
        if (!engine.publisher().tryPublishAll(ids, updates, System.currentTimeMillis()))
        {
            throw new IllegalStateException("ring full");
        }
    }

    /** Publishes every address at {@code version} (price = version), stamped now, in one range; waits for ring room. */
    static void publishVersion(final TokenFeedServer server, final List<String> addresses, final long version)
    {
        final TokenFeedEngine engine = server.engine();
        final int[] ids = new int[addresses.size()];
        final long nowMs = System.currentTimeMillis();
        final List<TokenData> updates = new ArrayList<>();
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = engine.tokens().intern(addresses.get(i));
            updates.add(new TokenData(addresses.get(i), Long.toString(version), "1000", new Volume("3", "2", "1"), nowMs, version, false,
                false));
        }
        while (!engine.publisher().tryPublishAll(ids, updates, nowMs))
        {
            Thread.onSpinWait();
        }
    }

    static void publish(final TokenFeedServer server, final String address, final String price)
    {
        publish(server, List.of(address), price);
    }
}
