package io.tokenfeed.sdk.cli;

import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.sdk.PublishRejection;
import io.tokenfeed.sdk.PublishResult;
import io.tokenfeed.sdk.TokenFeedPublisher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: reads token updates, one JSON object per line in the shape of {@code token_update.data}
 * ({@code version} and {@code updatedAt} optional), and publishes them; prints a summary and every rejection.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish token updates read as JSON lines (token_update data objects) from a file or standard input.")
final class PublishCommand implements Callable<Integer>
{
    private final Supplier<InputStream> stdin;

    @Mixin
    private ServerOptions server;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, defaultValue = "-", paramLabel = "FILE",
        description = "The file to read; '-' (default) reads standard input.")
    private String input;

    @Option(names = "--linger-ms", defaultValue = "5",
        description = "How long an update waits to share a message. Default: ${DEFAULT-VALUE}.")
    private long lingerMs;

    PublishCommand(final Supplier<InputStream> stdin)
    {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final JsonCodec codec = new JsonCodec();
        final List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        final List<Integer> lineNumbers = new ArrayList<>();
        int unreadable = 0;
        try (TokenFeedPublisher publisher = TokenFeedPublisher.builder()
                .uri(server.webSocket("/api/v1/ws/ingest"))
                .apiKey(server.apiKey())
                .linger(Duration.ofMillis(lingerMs))
                .maxRetries(5)
                .onError(error -> err.println("error: " + (error.code() == null ? "" : error.code() + " ") + error.message()))
                .build();
             BufferedReader reader = open())
        {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                lineNumber++;
                if (line.isBlank())
                {
                    continue;
                }
                final TokenData update = parse(codec, line);
                if (update == null)
                {
                    err.println("line " + lineNumber + ": not a token update object: " + line);
                    unreadable++;
                    continue;
                }
                results.add(publisher.publish(update));
                lineNumbers.add(lineNumber);
            }
            return report(results, lineNumbers, unreadable, out, err);
        }
    }

    private int report(final List<CompletableFuture<PublishResult>> results, final List<Integer> lineNumbers, final int unreadable,
        final PrintWriter out, final PrintWriter err) throws InterruptedException
    {
        int acknowledged = 0;
        int rejected = 0;
        int failed = 0;
        for (int i = 0; i < results.size(); i++)
        {
            try
            {
                final PublishResult result = results.get(i).get();
                acknowledged += result.acknowledged();
                for (final PublishRejection rejection : result.rejected())
                {
                    err.println("line " + lineNumbers.get(i) + ": rejected " + rejection.code() + ": " + rejection.message());
                    rejected++;
                }
            }
            catch (final ExecutionException ex)
            {
                err.println("line " + lineNumbers.get(i) + ": not published: " + ex.getCause().getMessage());
                failed++;
            }
        }
        out.println("published " + results.size() + " updates: " + acknowledged + " acknowledged, " + rejected + " rejected, "
            + failed + " failed, " + unreadable + " unreadable lines");
        out.flush();
        err.flush();
        return rejected + failed + unreadable == 0 ? 0 : 1;
    }

    private BufferedReader open() throws IOException
    {
        final InputStream in = "-".equals(input) ? stdin.get() : Files.newInputStream(Path.of(input));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** One line is one {@code token_update.data}: decoded as the data of a {@code token_update}, by the protocol's codec. */
    static TokenData parse(final JsonCodec codec, final String line)
    {
        final byte[] json = ("{\"type\":\"token_update\",\"data\":" + line + "}").getBytes(StandardCharsets.UTF_8);
        final DecodeResult result = codec.decode(json, json.length);
        return result.isSuccess() && result.message() instanceof TokenUpdateMessage update ? update.data() : null;
    }
}
