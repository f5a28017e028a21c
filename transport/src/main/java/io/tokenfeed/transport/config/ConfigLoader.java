package io.tokenfeed.transport.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads configuration from, in rising precedence: the properties file, {@code TOKENFEED_*} environment variables and
 * {@code --key=value} arguments. Every value is checked before anything starts; an unknown key or a bad value is a
 * {@link ConfigException} naming the key and its source.
 *
 * <p>The file is {@code --config=PATH} when given (it must exist), otherwise {@code config/tokenfeed.properties} when
 * present in the working directory, otherwise none (defaults apply).
 */
public final class ConfigLoader
{
    /** The file read when no {@code --config} is given, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("config", "tokenfeed.properties");
    private static final String CONFIG_ARGUMENT = "--config=";
    private static final String ENV_PREFIX = "TOKENFEED_";

    private ConfigLoader()
    {
    }

    /**
     * @param args        command-line arguments.
     * @param env         the environment.
     * @param defaultFile the file to read when {@code --config} is absent and the file exists; null for none.
     */
    public static TokenFeedConfig load(final String[] args, final Map<String, String> env, final Path defaultFile)
    {
        final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        final Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
        for (final ConfigKey key : ConfigKey.values())
        {
            values.put(key, parse(key, key.defaultValue(), "default"));
        }

        final Path file = configFile(args, defaultFile);
        if (file != null)
        {
            final Properties properties = readFile(file);
            for (final String name : properties.stringPropertyNames())
            {
                set(values, sources, keyOf(name, "file " + file), properties.getProperty(name), "file " + file);
            }
        }

        for (final Map.Entry<String, String> entry : env.entrySet())
        {
            if (entry.getKey().startsWith(ENV_PREFIX))
            {
                final ConfigKey key = ConfigKey.forEnvironmentName(entry.getKey());
                if (key == null)
                {
                    throw new ConfigException("unknown configuration key in environment variable " + entry.getKey());
                }
                set(values, sources, key, entry.getValue(), "environment " + entry.getKey());
            }
        }

        for (final String arg : args)
        {
            if (arg.startsWith(CONFIG_ARGUMENT))
            {
                continue;
            }
            final int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0)
            {
                throw new ConfigException("unexpected argument '" + arg + "': use --key=value (e.g. --server.port=8080)");
            }
            final String name = arg.substring(2, eq);
            set(values, sources, keyOf(name, "command line"), arg.substring(eq + 1), "command line");
        }

        checkTogether(values);
        return new TokenFeedConfig(values, sources);
    }

    static Object parse(final ConfigKey key, final String raw, final String source)
    {
        final Object value = key.type().parse(raw.trim());
        if (value == null)
        {
            final String shown = key.type().secret() ? "***" : "'" + raw + "'";
            throw new ConfigException("invalid value " + shown + " for " + key.key() + " (" + source + "): expected "
                + key.type().expected());
        }
        return value;
    }

    private static void set(
        final Map<ConfigKey, Object> values, final Map<ConfigKey, String> sources, final ConfigKey key, final String raw,
        final String source)
    {
        values.put(key, parse(key, raw, source));
        sources.put(key, source);
    }

    private static ConfigKey keyOf(final String name, final String source)
    {
        final ConfigKey key = ConfigKey.forKey(name);
        if (key == null)
        {
            throw new ConfigException("unknown configuration key '" + name + "' (" + source + ")");
        }
        return key;
    }

    private static Path configFile(final String[] args, final Path defaultFile)
    {
        for (final String arg : args)
        {
            if (arg.startsWith(CONFIG_ARGUMENT))
            {
                final Path path = Path.of(arg.substring(CONFIG_ARGUMENT.length()));
                if (!Files.isRegularFile(path))
                {
                    throw new ConfigException("configuration file not found: " + path.toAbsolutePath());
                }
                return path;
            }
        }
        return defaultFile != null && Files.isRegularFile(defaultFile) ? defaultFile : null;
    }

    private static Properties readFile(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot read configuration file " + file + ": " + ex.getMessage());
        }
        return properties;
    }

    private static void checkTogether(final Map<ConfigKey, Object> values)
    {
        if ((Boolean)values.get(ConfigKey.SERVER_TLS_ENABLED) && ((String)values.get(ConfigKey.SERVER_TLS_KEYSTORE)).isEmpty())
        {
            throw new ConfigException("server.tls.keystore must be set when server.tls.enabled is true");
        }
        if ((Boolean)values.get(ConfigKey.SIMULATOR_ENABLED)
            && (Integer)values.get(ConfigKey.SIMULATOR_TOKENS) > (Integer)values.get(ConfigKey.ENGINE_MAX_TOKENS))
        {
            throw new ConfigException("simulator.tokens must not exceed engine.max-tokens");
        }
    }
}
