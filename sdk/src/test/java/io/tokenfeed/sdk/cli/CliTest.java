package io.tokenfeed.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import io.tokenfeed.transport.TokenFeedServer;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code tokenfeed} command line end to end, run in-process against a real server, its output captured. */
class CliTest
{
    private static final String KEY = "cli-key";
    private static final String A = "0x" + "a".repeat(40);
    private static final String B = "0x" + "b".repeat(40);
    private static final String SOLANA = "So11111111111111111111111111111111111111112";

    @Test
    void shouldPublishListAndSubscribeWhenRunAgainstAServer(@TempDir final Path dir) throws Exception
    {
        try (TokenFeedServer server = start())
        {
            final String url = "http://127.0.0.1:" + server.port();
            final Path input = dir.resolve("updates.jsonl");
            Files.writeString(input, line(A, 3) + "\n\n" + line(B.toUpperCase().replace("0X", "0x"), 4) + "\n" + line(SOLANA, 5) + "\n");

            final Run publish = run(InputStream::nullInputStream, "publish", "--server", url, "--api-key", KEY, "--input",
                input.toString());
            final Run json = run(InputStream::nullInputStream, "tokens", "--server", url, "--format", "json");
            final Run table = run(InputStream::nullInputStream, "tokens", "--server", url, "--limit", "2");
            final Run subscribe = run(InputStream::nullInputStream, "subscribe", "--server", url, "--format", "json", "--count", "1",
                "--max-time", "20", B);

            assertThat(publish.code).as(publish.err).isZero();
            assertThat(publish.out).contains("published 3 updates: 3 acknowledged, 0 rejected, 0 failed, 0 unreadable lines");
            assertThat(json.code).isZero();
            assertThat(json.lines()).hasSize(3).allMatch(l -> l.startsWith("{\"address\":"));
            assertThat(json.lines()).anySatisfy(l -> assertThat(l).contains(SOLANA).contains("\"version\":5"));
            assertThat(json.lines()).anySatisfy(l -> assertThat(l).contains(B));
            assertThat(table.lines()).hasSize(3);
            assertThat(table.lines().get(0)).startsWith("ADDRESS");
            assertThat(subscribe.code).as(subscribe.err).isZero();
            assertThat(subscribe.lines()).singleElement().asString().contains(B).contains("\"version\":4").contains("\"snapshot\":true");
        }
    }

    @Test
    void shouldReadStandardInputAndExitNonZeroNamingTheLineWhenAnUpdateIsRejected() throws Exception
    {
        try (TokenFeedServer server = start())
        {
            final String lines = line(A, 1) + "\n" + line("not-a-token", 1) + "\n{not json}\n";

            final Run publish = run(() -> new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "publish", "--server",
                "http://127.0.0.1:" + server.port(), "--api-key", KEY);

            assertThat(publish.code).isEqualTo(1);
            assertThat(publish.out).contains("published 2 updates: 1 acknowledged, 1 rejected, 0 failed, 1 unreadable lines");
            assertThat(publish.err).contains("line 2: rejected INVALID_TOKEN_ADDRESS").contains("line 3: not a token update object");
        }
    }

    @Test
    void shouldFailCleanlyWhenTheServerCannotBeReached() throws Exception
    {
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            port = free.getLocalPort();
        }

        final Run tokens = run(InputStream::nullInputStream, "tokens", "--server", "http://127.0.0.1:" + port);

        assertThat(tokens.code).isEqualTo(1);
        assertThat(tokens.err).startsWith("error:");
    }

    @Test
    void shouldPublishAnInputFarLargerThanItsWindowWithoutFailingALine() throws Exception
    {
        try (TokenFeedServer server = start())
        {
            final StringBuilder lines = new StringBuilder();
            for (int version = 1; version <= 200; version++)
            {
                for (int token = 0; token < 10; token++)
                {
                    lines.append(line(String.format("0x%040x", token + 1), version)).append('\n');
                }
            }

            final Run publish = run(() -> new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), "publish",
                "--server", "http://127.0.0.1:" + server.port(), "--api-key", KEY, "--max-pending", "50");

            assertThat(publish.code).as(publish.err).isZero();
            assertThat(publish.out).contains("published 2000 updates: 2000 acknowledged, 0 rejected, 0 failed, 0 unreadable lines");
        }
    }

    @Test
    void shouldEndAndFailTheUnansweredLinesWhenTheServerStopsAnswering() throws Exception
    {
        try (SilentServer silent = new SilentServer())
        {
            final Run publish = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(
                () -> new ByteArrayInputStream((line(A, 1) + "\n").getBytes(StandardCharsets.UTF_8)), "publish",
                "--server", "http://127.0.0.1:" + silent.port(), "--api-key", KEY, "--timeout", "1"));

            assertThat(publish.code).isEqualTo(1);
            assertThat(publish.out).contains("published 1 updates: 0 acknowledged, 0 rejected, 1 failed, 0 unreadable lines");
            assertThat(publish.err).contains("line 1: not published");
        }
    }

    @Test
    void shouldExitNonZeroWhenFewerUpdatesThanCountArrivedInTheTimeGiven() throws Exception
    {
        try (TokenFeedServer server = start())
        {
            final String url = "http://127.0.0.1:" + server.port();
            run(() -> new ByteArrayInputStream((line(B, 1) + "\n").getBytes(StandardCharsets.UTF_8)), "publish", "--server", url,
                "--api-key", KEY);

            final Run subscribe = run(InputStream::nullInputStream, "subscribe", "--server", url, "--format", "json", "--count", "3",
                "--max-time", "4", B);

            assertThat(subscribe.lines()).hasSize(1);
            assertThat(subscribe.code).isEqualTo(1);
            assertThat(subscribe.err).contains("stopped after 1 of 3 updates");
        }
    }

    @Test
    void shouldExitNonZeroWhenTheSubscriberNeverConnected() throws Exception
    {
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            port = free.getLocalPort();
        }

        final Run subscribe = run(InputStream::nullInputStream, "subscribe", "--server", "http://127.0.0.1:" + port, "--max-time", "1", A);

        assertThat(subscribe.code).isEqualTo(1);
        assertThat(subscribe.err).contains("never connected");
    }

    @Test
    void shouldRefuseAnInvalidAddressOrServerAsAUsageErrorWithoutAStackTrace()
    {
        final Run address = run(InputStream::nullInputStream, "subscribe", "--max-time", "1", A, "not-a-token");
        final Run server = run(InputStream::nullInputStream, "subscribe", "--server", "ftp://127.0.0.1:1", "--max-time", "1", A);

        assertThat(address.code).isEqualTo(2);
        assertThat(address.err).contains("not-a-token").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(server.code).isEqualTo(2);
        assertThat(server.err).contains("--server must be").doesNotContain("\tat ");
    }

    @Test
    void shouldShowUsageWhenNoCommandIsGiven()
    {
        final Run none = run(InputStream::nullInputStream);

        assertThat(none.code).isNotZero();
        assertThat(none.err).contains("subscribe").contains("tokens").contains("publish");
    }

    private static TokenFeedServer start()
    {
        return TokenFeedServer.start(TokenFeedConfig.defaults()
            .with(ConfigKey.SERVER_PORT, "0")
            .with(ConfigKey.SERVER_HOST, "127.0.0.1")
            .with(ConfigKey.SIMULATOR_ENABLED, "false")
            .with(ConfigKey.SERVER_SHUTDOWN_GRACE_MS, "2000")
            .with(ConfigKey.AUTH_PUBLISHER_KEYS, KEY));
    }

    private static String line(final String address, final long version)
    {
        final TokenData data = new TokenData(address, version + ".5", "1000", new Volume("3", "2", "1"), -1, version, false, false);
        return "{\"address\":\"" + data.address() + "\",\"price\":\"" + data.price() + "\",\"marketCap\":\"1000\","
            + "\"volume\":{\"h24\":\"3\",\"h1\":\"2\",\"m5\":\"1\"},\"version\":" + version + "}";
    }

    private static Run run(final Supplier<InputStream> stdin, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = TokenFeedCli.commandLine(stdin);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** What one run printed, and how it ended. */
    private record Run(int code, String out, String err)
    {
        List<String> lines()
        {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
