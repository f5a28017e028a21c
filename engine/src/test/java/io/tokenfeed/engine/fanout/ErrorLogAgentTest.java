package io.tokenfeed.engine.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tokenfeed.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorLogAgentTest
{
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger)LoggerFactory.getLogger(ErrorLogAgent.class);
    private long nowMs = 1_000;

    private Level level;

    @BeforeEach
    void attach()
    {
        // The test logback configuration keeps tokenfeed quiet; this logger must pass INFO here.
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void detach()
    {
        logger.detachAppender(log);
        logger.setLevel(level);
    }

    @Test
    void shouldSummariseEachIntervalsErrorsByCodeOnOneLineAndStayQuietWithoutAny()
    {
        final PipelineCounters counters = new PipelineCounters();
        final ErrorLogAgent agent = new ErrorLogAgent(counters, () -> nowMs, 60_000);
        agent.onStart();
        for (int i = 0; i < 1000; i++)
        {
            counters.error(ErrorCode.INVALID_MESSAGE);
        }
        counters.error(ErrorCode.RATE_LIMITED);

        nowMs += 60_000;
        agent.doWork();
        nowMs += 60_000;
        agent.doWork();
        counters.error(ErrorCode.INVALID_MESSAGE);
        nowMs += 60_000;
        agent.doWork();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
            "errors sent in the last 60 s: INVALID_MESSAGE 1000, RATE_LIMITED 1",
            "errors sent in the last 60 s: INVALID_MESSAGE 1");
    }
}
