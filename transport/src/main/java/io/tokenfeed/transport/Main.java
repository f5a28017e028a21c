package io.tokenfeed.transport;

import io.tokenfeed.transport.config.ConfigException;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.ConfigLoader;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: load and check configuration, start, and stop cleanly on SIGTERM / Ctrl-C. No logger is touched before
 * the configuration is read: {@code logging.format=json} selects logback-json.xml when logback starts (an explicit
 * {@code -Dlogback.configurationFile} still wins).
 */
public final class Main
{
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private Main()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final TokenFeedConfig config;
        try
        {
            config = ConfigLoader.load(args, System.getenv(), ConfigLoader.DEFAULT_FILE);
        }
        catch (final ConfigException ex)
        {
            System.err.println("tokenfeed: configuration error: " + ex.getMessage());
            System.exit(2);
            return;
        }
        if ("json".equals(config.stringValue(ConfigKey.LOGGING_FORMAT)) && System.getProperty(LOGBACK_CONFIGURATION) == null)
        {
            System.setProperty(LOGBACK_CONFIGURATION, "logback-json.xml");
        }
        final Logger log = LoggerFactory.getLogger(Main.class);
        final TokenFeedServer server;
        try
        {
            server = TokenFeedServer.start(config);
        }
        catch (final ConfigException ex)
        {
            System.err.println("tokenfeed: configuration error: " + ex.getMessage());
            System.exit(2);
            return;
        }
        catch (final RuntimeException ex)
        {
            log.error("tokenfeed failed to start", ex);
            System.exit(1);
            return;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            log.info("shutdown signal received");
            server.close();
            stopped.countDown();
        }, "tokenfeed-shutdown"));
        stopped.await();
    }
}
