package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main in its own JVM: starts, serves, and on SIGTERM tells each of 100 connected clients that it shuts
 * down ({@code connection} / {@code disconnected}, reason {@code server_shutdown}), closes them with 1001 and exits.
 */
class ShutdownTest
{
    private static final Pattern LISTENING = Pattern.compile("listening on http/ws://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldStopCleanlyOnSigterm() throws Exception
    {
        final Path log = dir.resolve("server.log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
            "io.tokenfeed.transport.Main", "--server.port=0", "--server.host=127.0.0.1", "--simulator.tokens=10")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try
        {
            final int port = await().atMost(WsTestClient.TIMEOUT).until(() -> port(log), p -> p > 0);
            final List<WsTestClient> clients = new ArrayList<>();
            for (int i = 0; i < 100; i++)
            {
                final WsTestClient client = WsTestClient.connect(port);
                clients.add(client);
                assertThat(client.next(ConnectionMessage.class).status()).isEqualTo("connected");
            }

            process.destroy();

            for (final WsTestClient client : clients)
            {
                final List<WsTestClient.Received> untilGoodbye = client.until(m -> m instanceof ConnectionMessage);
                final ConnectionMessage goodbye = (ConnectionMessage)untilGoodbye.get(untilGoodbye.size() - 1).message();
                assertThat(goodbye.status()).isEqualTo("disconnected");
                assertThat(goodbye.reason()).isEqualTo("server_shutdown");
                assertThat(client.closeCode()).isEqualTo(1001);
            }
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isIn(0, 143);
        }
        finally
        {
            process.destroyForcibly();
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("shutdown signal received").contains("tokenfeed stopped");
    }

    private static int port(final Path log) throws Exception
    {
        final Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
