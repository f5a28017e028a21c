package io.tokenfeed.sdk.cli;

import java.io.InputStream;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code tokenfeed} command line: {@code subscribe}, {@code tokens} and {@code publish}, over the SDK. Run it with
 * {@code java -jar sdk/target/tokenfeed-cli.jar --help}.
 */
@Command(name = "tokenfeed", mixinStandardHelpOptions = true, version = "tokenfeed CLI 0.1",
    description = "Subscribe to, list and publish tokenfeed token updates.",
    subcommands = {SubscribeCommand.class, TokensCommand.class, PublishCommand.class})
public final class TokenFeedCli implements Runnable
{
    @Spec
    private CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine(() -> System.in).execute(args));
    }

    /**
     * @param stdin what {@code publish -} reads
     * @return the command line, ready to {@code execute}; set its output and error writers to capture them
     */
    public static CommandLine commandLine(final Supplier<InputStream> stdin)
    {
        return new CommandLine(new TokenFeedCli(), new CommandLine.IFactory()
        {
            @Override
            public <K> K create(final Class<K> type) throws Exception
            {
                if (type == PublishCommand.class)
                {
                    return type.cast(new PublishCommand(stdin));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: subscribe, tokens or publish");
    }
}
