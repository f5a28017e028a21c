package io.tokenfeed.sdk;

import io.tokenfeed.engine.TokenFeedEngine;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import io.tokenfeed.transport.TokenFeedServer;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Starts the real server in-process and feeds it updates through its engine, as the transport's own tests do. */
final class TestServer
{
    static final String KEY = "sdk-test-key";

    private TestServer()
    {
    }

    /** Simulator off (every update is the test's), one publisher key; more keys as {@code key, value} pairs. */
    static TokenFeedServer start(final String... keyValues)
    {
        return startOnPort(0, keyValues);
    }

    static TokenFeedServer startOnPort(final int port, final String... keyValues)
    {
        TokenFeedConfig config = TokenFeedConfig.defaults()
            .with(ConfigKey.SERVER_PORT, Integer.toString(port))
            .with(ConfigKey.SERVER_HOST, "127.0.0.1")
            .with(ConfigKey.SIMULATOR_ENABLED, "false")
            .with(ConfigKey.SERVER_SHUTDOWN_GRACE_MS, "2000")
            .with(ConfigKey.AUTH_PUBLISHER_KEYS, KEY);
        for (int i = 0; i < keyValues.length; i += 2)
        {
            config = config.with(ConfigKey.forKey(keyValues[i]), keyValues[i + 1]);
        }
        return TokenFeedServer.start(config);
    }

    static URI subscriberUri(final int port)
    {
        return URI.create("ws://127.0.0.1:" + port + "/api/v1/ws/token-data");
    }

    static URI ingestUri(final int port)
    {
        return URI.create("ws://127.0.0.1:" + port + "/api/v1/ws/ingest");
    }

    static String evm(final int i)
    {
        return String.format("0x%040x", i);
    }

    static List<String> tokens(final int count)
    {
        return IntStream.rangeClosed(1, count).mapToObj(TestServer::evm).toList();
    }

    static TokenData data(final String address, final long version)
    {
        return new TokenData(address, Long.toString(version), "1000", new Volume("3", "2", "1"), System.currentTimeMillis(), version,
            false, false);
    }

    /** Every address at {@code version}, in one contiguous range of the ring (so one batch per connection). */
    static void publishVersion(final TokenFeedServer server, final List<String> addresses, final long version)
    {
        final TokenFeedEngine engine = server.engine();
        final int[] ids = new int[addresses.size()];
        final List<TokenData> updates = new ArrayList<>();
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = engine.tokens().intern(addresses.get(i));
            updates.add(data(addresses.get(i), version));
        }
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (!engine.publisher().tryPublishAll(ids, updates, System.currentTimeMillis()))
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("the ring stayed full");
            }
            Thread.onSpinWait();
        }
    }
}
