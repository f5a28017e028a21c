package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.tls.*}: HTTPS and wss:// on the same port, with a key store made by the JDK's keytool. */
class TlsTest
{
    private static final String PASSWORD = "changeit-test";

    @TempDir
    Path dir;

    @Test
    void shouldServeHttpsAndWssWithTheConfiguredKeyStore() throws Exception
    {
        final Path keyStore = dir.resolve("server.p12");
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "tokenfeed", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        assertThat(Files.size(keyStore)).isPositive();

        try (TokenFeedServer server = TestServers.start("server.tls.enabled", "true", "server.tls.keystore", keyStore.toString(),
            "server.tls.keystore-password", PASSWORD))
        {
            final HttpClient https = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();

            final HttpResponse<String> health = https.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            final WsTestClient listener = new WsTestClient();
            final WebSocket socket = https.newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/api/v1/ws/token-data"), listener)
                .get(10, TimeUnit.SECONDS);
            listener.attach(socket);
            assertThat(listener.next(ConnectionMessage.class).status()).isEqualTo("connected");
            listener.send("{\"type\":\"ping\",\"sequence\":1,\"data\":{}}");
            assertThat(listener.next(HeartbeatMessage.class).requestSequence()).isEqualTo(1);
            listener.close();
        }
    }

    private static SSLContext trusting(final Path keyStorePath) throws Exception
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStorePath))
        {
            trust.load(in, PASSWORD.toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
