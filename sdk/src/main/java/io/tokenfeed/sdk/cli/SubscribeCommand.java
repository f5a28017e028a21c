package io.tokenfeed.sdk.cli;

import com.dslplatform.json.JsonWriter;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.TokenFeedSubscriber;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code subscribe <address...>}: prints every update of the tokens until stopped (or {@code --count} of them). */
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
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong printed = new AtomicLong();
        final JsonCodec codec = new JsonCodec();
        final JsonWriter writer = codec.newWriter();
        final String header = format.header();
        if (header != null)
        {
            out.println(header);
            out.flush();
        }
        // Listeners run on the subscriber's one thread: the codec and writer need no sharing.
        final TokenFeedSubscriber subscriber = TokenFeedSubscriber.builder()
            .uri(server.webSocket("/api/v1/ws/token-data"))
            .apiKey(server.apiKey())
            .compression(compression)
            .onUpdate(update -> print(update, out, codec, writer, printed, done))
            .onStateChange(change ->
            {
                err.println("[" + change.current() + "] " + change.reason());
                err.flush();
                if (change.current().isTerminal())
                {
                    done.countDown();
                }
            })
            .onError(error -> err.println("error: " + (error.code() == null ? "" : error.code() + " ") + error.message()))
            .onGap(gap -> err.println("gap: " + gap.missed() + " messages lost on " + gap.connectionId() + ", resyncing"))
            .subscribe(addresses.toArray(new String[0]))
            .build();
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
        return subscriber.state() == ConnectionState.FAILED ? 1 : 0;
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
