package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A slowloris client trickling its upgrade request is cut off after connection.handshake-timeout-ms. */
class HandshakeTimeoutTest
{
    @Test
    void shouldCloseAConnectionThatTricklesItsUpgradeRequest() throws Exception
    {
        final byte[] request = ("GET /api/v1/ws/token-data HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dG9rZW5mZWVkLXRlc3Qta2V5\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TokenFeedServer server = TestServers.start("connection.handshake-timeout-ms", "1000");
            Socket socket = new Socket("127.0.0.1", server.port()))
        {
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            final AtomicInteger sent = new AtomicInteger();
            // One byte every 100 ms: the whole request would take over 15 s.
            trickle.scheduleAtFixedRate(() ->
            {
                final int i = sent.getAndIncrement();
                if (i < request.length)
                {
                    try
                    {
                        out.write(request[i]);
                        out.flush();
                    }
                    catch (final IOException ex)
                    {
                        sent.set(request.length);
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            final long startNs = System.nanoTime();

            final CompletableFuture<Integer> endOfStream = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return in.read();
                }
                catch (final IOException ex)
                {
                    return -1;
                }
            });

            assertThat(endOfStream.get(10, TimeUnit.SECONDS)).as("closed without a response").isEqualTo(-1);
            final long closedAfterMs = (System.nanoTime() - startNs) / 1_000_000;
            assertThat(closedAfterMs).isBetween(900L, 5_000L);
            assertThat(sent.get()).as("the upgrade never completed").isLessThan(request.length);
        }
        finally
        {
            trickle.shutdownNow();
        }
    }
}
