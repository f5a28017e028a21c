package io.tokenfeed.transport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUseProtocolDefaultsWhenNothingIsSet()
    {
        final TokenFeedConfig config = ConfigLoader.load(new String[0], Map.of(), null);

        assertThat(config.intValue(ConfigKey.SERVER_PORT)).isEqualTo(8080);
        assertThat(config.intValue(ConfigKey.LIMITS_MAX_CONNECTIONS)).isEqualTo(1000);
        assertThat(config.intValue(ConfigKey.LIMITS_MAX_MESSAGE_BYTES)).isEqualTo(1048576);
        assertThat(config.longValue(ConfigKey.CONNECTION_HEARTBEAT_INTERVAL_MS)).isEqualTo(15000);
        assertThat(config.booleanValue(ConfigKey.SIMULATOR_ENABLED)).isTrue();
        assertThat(config.listValue(ConfigKey.AUTH_PUBLISHER_KEYS)).isEmpty();
    }

    @Test
    void shouldLetCommandLineBeatEnvironmentBeatFile() throws Exception
    {
        final Path file = dir.resolve("t.properties");
        Files.writeString(file, "limits.max-connections=10\nlimits.max-subscriptions=20\nserver.port=1111\n");

        final TokenFeedConfig config = ConfigLoader.load(
            new String[] {"--config=" + file, "--server.port=3333"},
            Map.of("TOKENFEED_LIMITS_MAX_SUBSCRIPTIONS", "30", "TOKENFEED_SERVER_PORT", "2222", "PATH", "/bin"),
            null);

        assertThat(config.intValue(ConfigKey.LIMITS_MAX_CONNECTIONS)).isEqualTo(10);
        assertThat(config.intValue(ConfigKey.LIMITS_MAX_SUBSCRIPTIONS)).isEqualTo(30);
        assertThat(config.intValue(ConfigKey.SERVER_PORT)).isEqualTo(3333);
        assertThat(config.source(ConfigKey.SERVER_PORT)).isEqualTo("command line");
    }

    @Test
    void shouldReadTheDefaultFileWhenPresent() throws Exception
    {
        final Path file = dir.resolve("tokenfeed.properties");
        Files.writeString(file, "simulator.tokens=7\n");

        assertThat(ConfigLoader.load(new String[0], Map.of(), file).intValue(ConfigKey.SIMULATOR_TOKENS)).isEqualTo(7);
    }

    @Test
    void shouldNameTheUnknownKeyFromEverySource() throws Exception
    {
        final Path file = dir.resolve("bad.properties");
        Files.writeString(file, "limits.max-conections=10\n");

        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config=" + file}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("limits.max-conections");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("TOKENFEED_NOPE", "1"), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("TOKENFEED_NOPE");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--server.prot=1"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("server.prot");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"server.port=1"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("server.port=1");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue()
    {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--limits.max-connections=lots"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("limits.max-connections").hasMessageContaining("integer");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("TOKENFEED_SERVER_PORT", "70000"), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("server.port").hasMessageContaining("TOKENFEED_SERVER_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--simulator.enabled=yes"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("simulator.enabled");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--engine.ring-size=1000"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("engine.ring-size");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--delivery.max-batch-tokens=1001"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.max-batch-tokens");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--server.tls.enabled=true"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls.keystore");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config=/no/such/file"}, Map.of(), null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("/no/such/file");
    }

    @Test
    void shouldNeverPrintSecrets()
    {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--limits.max-connections=x"}, Map.of(), null))
            .hasMessageContaining("'x'");
        final TokenFeedConfig config = ConfigLoader.load(new String[] {"--auth.publisher-keys=s3cret,other"}, Map.of(), null);
        assertThat(config.listValue(ConfigKey.AUTH_PUBLISHER_KEYS)).containsExactly("s3cret", "other");
        assertThat(config.describeOverrides()).contains("auth.publisher-keys=***").doesNotContain("s3cret");
    }

    @Test
    void shouldMapEveryKeyToItsEnvironmentName()
    {
        assertThat(ConfigKey.LIMITS_MAX_CONNECTIONS.environmentName()).isEqualTo("TOKENFEED_LIMITS_MAX_CONNECTIONS");
        assertThat(ConfigKey.SERVER_TLS_KEYSTORE_PASSWORD.environmentName()).isEqualTo("TOKENFEED_SERVER_TLS_KEYSTORE_PASSWORD");
        for (final ConfigKey key : ConfigKey.values())
        {
            assertThat(ConfigKey.forEnvironmentName(key.environmentName())).isEqualTo(key);
        }
    }

    @Test
    void shouldAcceptTheShippedConfigurationFile()
    {
        final Path shipped = Path.of("..", "config", "tokenfeed.properties");
        final TokenFeedConfig config = ConfigLoader.load(new String[] {"--config=" + shipped}, Map.of(), null);

        assertThat(config.describeOverrides()).isEqualTo("all defaults");
    }
}
