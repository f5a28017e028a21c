package io.tokenfeed.perf;

import io.tokenfeed.perf.client.WsHandshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code connections} scenario: N idle WebSocket connections (upgraded, greeted, nothing subscribed); the server's
 * resident memory per connection, from {@code /proc} before and after (target: 10,000 in 500 MB).
 */
final class IdleConnections
{
    private static final long SETTLE_NS = 3_000_000_000L;

    private IdleConnections()
    {
    }

    static String run(final HarnessOptions options, final InetSocketAddress address, final long pid, final boolean embedded)
        throws IOException
    {
        final ProcessStats before = ProcessStats.of(pid);
        final List<SocketChannel> channels = new ArrayList<>(options.connections());
        final long startNs = System.nanoTime();
        try
        {
            final ByteBuffer greeting = ByteBuffer.allocate(16 * 1024);
            for (int c = 0; c < options.connections(); c++)
            {
                channels.add(WsHandshake.connect(address, "/api/v1/ws/token-data", null, greeting, 0));
            }
            final double openSeconds = (System.nanoTime() - startNs) / 1e9;
            LockSupport.parkNanos(SETTLE_NS);
            final ProcessStats after = ProcessStats.of(pid);
            if (before == null || after == null)
            {
                return String.format(Locale.ROOT, "connections — %d idle connections opened in %.1f s; no /proc for pid %d: "
                    + "no memory figures%n", channels.size(), openSeconds, pid);
            }
            final long perConnection = (after.rssBytes() - before.rssBytes()) / channels.size();
            return String.format(Locale.ROOT, "connections — %d idle connections opened in %.1f s; server RSS %d MB -> %d MB: %.1f KB per "
                    + "connection%s (target: 10,000 in 500 MB)%n", channels.size(), openSeconds, before.rssBytes() >> 20,
                after.rssBytes() >> 20, perConnection / 1024.0, embedded ? " (embedded: includes the harness's side of each socket)" : "");
        }
        finally
        {
            for (final SocketChannel channel : channels)
            {
                channel.close();
            }
        }
    }
}
