package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real main in its own JVM: starts, serves, and on SIGTERM closes WebSockets with 1001 and exits. */
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
            final WsTestClient client = WsTestClient.connect(port);
            client.next();

            process.destroy();

            assertThat(client.closeCode()).isEqualTo(1001);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
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
