package io.tokenfeed.transport;

import io.tokenfeed.transport.config.ConfigException;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from {@code server.tls.keystore} (PKCS12 or JKS) and its password. */
final class TlsContextFactory
{
    private TlsContextFactory()
    {
    }

    static SSLContext create(final TokenFeedConfig config)
    {
        final Path path = Path.of(config.stringValue(ConfigKey.SERVER_TLS_KEYSTORE));
        final char[] password = config.stringValue(ConfigKey.SERVER_TLS_KEYSTORE_PASSWORD).toCharArray();
        try (InputStream in = Files.newInputStream(path))
        {
            final KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(in, password);
            final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new ConfigException("server.tls.keystore: cannot load " + path + ": " + ex.getMessage());
        }
    }
}
