package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tokenfeed.protocol.ConnectionMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A client sending garbage gets an error for every message, but the log gets only the first and the powers of two. */
class ErrorLogFloodTest
{
    @Test
    void shouldLogTheFirstErrorOfACodeAndThenOnlyAtPowersOfTwoWhenAClientFloods()
    {
        final Logger logger = (Logger)LoggerFactory.getLogger("io.tokenfeed.engine.fanout.RequestResponder");
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        // The test logback configuration keeps tokenfeed quiet; this logger must pass INFO here.
        final Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        log.start();
        logger.addAppender(log);
        try (TokenFeedServer server = TestServers.start("limits.client-messages-per-second", "10000");
             WsTestClient client = WsTestClient.connect(server.port()))
        {
            client.next(ConnectionMessage.class);
            for (int i = 0; i < 100; i++)
            {
                client.send("{");
            }
            await().atMost(WsTestClient.TIMEOUT).until(() -> server.engine().pipelineCounters()
                .errors(io.tokenfeed.protocol.ErrorCode.INVALID_MESSAGE) == 100);

            final List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("sent INVALID_MESSAGE")).toList();
            assertThat(lines).hasSize(7);
            assertThat(lines.get(0)).contains("(1 so far on all connections)").contains("127.0.0.1");
            assertThat(lines.get(6)).contains("(64 so far on all connections)");
        }
        finally
        {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }
}
