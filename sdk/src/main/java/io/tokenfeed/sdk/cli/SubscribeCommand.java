package io.tokenfeed.sdk.cli;

import com.dslplatform.json.JsonWriter;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenAddress;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.TokenFeedSubscriber;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code subscribe <address...>}: prints every update of the tokens until stopped (or {@code --count} of them).
 *
 * <p>Exit codes: 0 when it stopped as asked ({@code --count} updates printed, or {@code --max-time} passed while
 * connected); 1 when the client failed, never connected, or stopped before {@code --count} updates; 2 for a usage
 * error (an invalid address, for one).
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
    description = "Print the updates of tokens as they arrive (snapshots first), reconnecting and resuming by itself.")
final class SubscribeCommand implements Callable<Integer>
{
    @Mixin
    private ServerOptions server;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "EVM (0x + 40 hex) or Solana addresses.")
    private List<String> addresses;

    @Option(names = {"-f", "--format"}, defaultValue = "table",
        description = "table or json (one object per line). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = {"-n", "--count"}, defaultValue = "0", description = "Stop after this many updates; 0 (default) runs until stopped.")
    private long count;

    @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "0",
        description = "Stop after this many seconds; 0 (default) runs until stopped.")
    private long maxTimeSeconds;

    @Option(names = "--compression", description = "Ask for zstd-compressed messages.")
    private boolean compression;

    @Override
    public Integer call() throws InterruptedException
    {
        final List<String> tokens = checkedAddresses();
        final URI endpoint = server.webSocket("/api/v1/ws/token-data");
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong printed = new AtomicLong();
        final AtomicBoolean connected = new AtomicBoolean();
        final JsonCodec codec = new JsonCodec();
        final JsonWriter writer = codec.newWriter();
        final String header = format.header();
        if (header != null)
        {
            out.println(header);
            out.flush();
        }
        // Listeners run on the subscriber's one thread: the codec and writer need no sharing.
        final TokenFeedSubscriber subscriber;
        try
        {
            subscriber = TokenFeedSubscriber.builder()
                .uri(endpoint)
                .apiKey(server.apiKey())
                .compression(compression)
                .onUpdate(update -> print(update, out, codec, writer, printed, done))
                .onStateChange(change ->
                {
                    err.println("[" + change.current() + "] " + change.reason());
                    err.flush();
                    if (change.current() == ConnectionState.CONNECTED)
                    {
                        connected.set(true);
                    }
                    if (change.current().isTerminal())
                    {
                        done.countDown();
                    }
                })
                .onError(error -> err.println("error: " + (error.code() == null ? "" : error.code() + " ") + error.message()))
                .onGap(gap -> err.println("gap: " + gap.missed() + " messages lost on " + gap.connectionId() + ", resyncing"))
                .subscribe(tokens.toArray(new String[0]))
                .build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final Thread stopper = new Thread(subscriber::close, "tokenfeed-cli-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try
        {
            if (maxTimeSeconds > 0)
            {
                done.await(maxTimeSeconds, TimeUnit.SECONDS);
            }
            else
            {
                done.await();
            }
        }
        finally
        {
            subscriber.close();
            removeHook(stopper);
        }
        out.flush();
        return exitCode(subscriber.state(), connected.get(), printed.get(), err);
    }

    private int exitCode(final ConnectionState state, final boolean connected, final long updates, final PrintWriter err)
    {
        if (state == ConnectionState.FAILED)
        {
            return 1;
        }
        if (!connected)
        {
            err.println("error: never connected to " + server.http());
            err.flush();
            return 1;
        }
        if (count > 0 && updates < count)
        {
            err.println("error: stopped after " + updates + " of " + count + " updates");
            err.flush();
            return 1;
        }
        return 0;
    }

    /** Checked before anything starts, so that a typo is a usage error (exit 2) naming the address, not a stack trace. */
    private List<String> checkedAddresses()
    {
        final List<String> invalid = new ArrayList<>();
        for (final String address : addresses)
        {
            if (TokenAddress.canonicalize(address) == null)
            {
                invalid.add(address);
            }
        }
        if (!invalid.isEmpty())
        {
            throw new ParameterException(spec.commandLine(), "not EVM (0x + 40 hex) or Solana (base58, 32-44 chars) addresses: "
                + String.join(", ", invalid));
        }
        return addresses;
    }

    private void print(final TokenData update, final PrintWriter out, final JsonCodec codec, final JsonWriter writer,
        final AtomicLong printed, final CountDownLatch done)
    {
        if (count > 0 && printed.get() >= count)
        {
            return;
        }
        out.println(format.line(update, codec, writer));
        out.flush();
        if (printed.incrementAndGet() == count)
        {
            done.countDown();
        }
    }

    static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down already: the hook is running or has run.
        }
    }
}
