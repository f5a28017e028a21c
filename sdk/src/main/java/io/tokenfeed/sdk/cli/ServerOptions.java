package io.tokenfeed.sdk.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the server is, shared by every command. */
final class ServerOptions
{
    /** The command this mixin belongs to: a bad option is its usage error (exit 2), not a stack trace. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-s", "--server"}, defaultValue = "http://localhost:8080", paramLabel = "URL",
        description = "The server's HTTP address (ws:// and wss:// are derived from it). Default: ${DEFAULT-VALUE}.")
    private URI server;

    @Option(names = {"-k", "--api-key"}, paramLabel = "KEY", defaultValue = "${env:TOKENFEED_API_KEY}",
        description = "Sent as 'Authorization: Bearer KEY' (required to publish). Default: $TOKENFEED_API_KEY.")
    private String apiKey;

    /** @return the HTTP base address, without a trailing slash */
    URI http()
    {
        final String text = server.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** @return the WebSocket endpoint at {@code path} of the same server */
    URI webSocket(final String path)
    {
        final String http = http().toString();
        if (http.startsWith("https://"))
        {
            return URI.create("wss://" + http.substring("https://".length()) + path);
        }
        if (http.startsWith("http://"))
        {
            return URI.create("ws://" + http.substring("http://".length()) + path);
        }
        if (http.startsWith("ws://") || http.startsWith("wss://"))
        {
            return URI.create(http + path);
        }
        throw new ParameterException(command.commandLine(), "--server must be an http:// or https:// address, got " + server);
    }

    String apiKey()
    {
        return apiKey == null || apiKey.isBlank() ? null : apiKey;
    }
}
