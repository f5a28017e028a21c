package io.tokenfeed.sdk.cli;

import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
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
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: reads token updates, one JSON object per line in the shape of {@code token_update.data}
 * ({@code version} and {@code updatedAt} optional), and publishes them; reports every rejection as its answer comes,
 * then a summary.
 *
 * <p>At most {@code --max-pending} updates are unanswered at a time: reading waits for answers beyond that, so an input
 * of any size flows through in bounded memory and never meets the publisher's own bound. At the end of the input the
 * publisher is closed, which waits up to {@code --timeout} for the last answers and fails what is still unanswered, so
 * the command always ends.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish token updates read as JSON lines (token_update data objects) from a file or standard input.")
final class PublishCommand implements Callable<Integer>
{
    /** After close() has returned every answer is in; this only bounds the wait should the client thread be stuck. */
    private static final long SETTLE_WAIT_SECONDS = 5;

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

    @Option(names = "--max-pending", defaultValue = "10000", paramLabel = "UPDATES",
        description = "Most updates sent and not yet answered; reading waits beyond it. Default: ${DEFAULT-VALUE}.")
    private int maxPending;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
        description = "How long to wait for the last answers once the input ends. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    PublishCommand(final Supplier<InputStream> stdin)
    {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (maxPending < 1 || timeoutSeconds < 1)
        {
            throw new ParameterException(spec.commandLine(), "--max-pending and --timeout must be at least 1");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PublishTally tally = new PublishTally(err);
        final Semaphore window = new Semaphore(maxPending);
        try (BufferedReader reader = open())
        {
            final TokenFeedPublisher publisher = publisher(err);
            try
            {
                publishLines(reader, publisher, window, tally, err);
            }
            finally
            {
                // Sends what is still batched, waits up to --timeout for the answers, fails whatever is unanswered.
                publisher.close();
            }
        }
        if (!window.tryAcquire(maxPending, SETTLE_WAIT_SECONDS, TimeUnit.SECONDS))
        {
            tally.unanswered(maxPending - window.availablePermits());
        }
        out.println(tally.summary());
        out.flush();
        err.flush();
        return tally.allPublished() ? 0 : 1;
    }

    private void publishLines(final BufferedReader reader, final TokenFeedPublisher publisher, final Semaphore window,
        final PublishTally tally, final PrintWriter err) throws IOException, InterruptedException
    {
        final JsonCodec codec = new JsonCodec();
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
                tally.unreadable();
                continue;
            }
            // Backpressure: no more than maxPending unanswered; each answer (on the client thread) frees its slot.
            window.acquire();
            tally.published();
            final int number = lineNumber;
            publisher.publish(update).whenComplete((result, error) ->
            {
                tally.settled(number, result, error);
                window.release();
            });
        }
    }

    private TokenFeedPublisher publisher(final PrintWriter err)
    {
        try
        {
            return TokenFeedPublisher.builder()
                .uri(server.webSocket("/api/v1/ws/ingest"))
                .apiKey(server.apiKey())
                .linger(Duration.ofMillis(lingerMs))
                .maxPendingUpdates(maxPending)
                .closeTimeout(Duration.ofSeconds(timeoutSeconds))
                .maxRetries(5)
                .onError(error -> err.println("error: " + (error.code() == null ? "" : error.code() + " ") + error.message()))
                .build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
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
