package io.tokenfeed.sdk.cli;

import com.dslplatform.json.JsonWriter;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.TokenFeedHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokens}: the tokens the server has data for, most recently updated first. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "List the tokens the server knows, most recently updated first (GET /api/v1/tokens).")
final class TokensCommand implements Callable<Integer>
{
    @Mixin
    private ServerOptions server;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-l", "--limit"}, defaultValue = "20", description = "How many, 1 to 1000. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = {"-f", "--format"}, defaultValue = "table",
        description = "table or json (one object per line). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<TokenData> tokens;
        try
        {
            tokens = new TokenFeedHttp(server.http()).tokens(limit);
        }
        catch (final IOException ex)
        {
            // A refused connection has no message of its own: name the server and the exception instead.
            spec.commandLine().getErr().println("error: cannot list the tokens of " + server.http() + ": "
                + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 1;
        }
        final JsonCodec codec = new JsonCodec();
        final JsonWriter writer = codec.newWriter();
        final String header = format.header();
        if (header != null)
        {
            out.println(header);
        }
        for (final TokenData token : tokens)
        {
            out.println(format.line(token, codec, writer));
        }
        out.flush();
        return 0;
    }
}
