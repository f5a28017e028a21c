package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.PeriodicAgent;
import io.tokenfeed.protocol.ErrorCode;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per interval with the errors sent to sessions in it, by code, and nothing when there were none: with the
 * first-and-powers-of-two lines of {@link RequestResponder}, a client sending garbage a thousand times a second costs
 * the log a few lines a minute, and every error is still accounted for.
 */
public final class ErrorLogAgent extends PeriodicAgent
{
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLogAgent.class);
    private static final ErrorCode[] CODES = ErrorCode.values();

    private final PipelineCounters counters;
    private final long[] logged = new long[CODES.length];
    private final StringBuilder line = new StringBuilder();

    public ErrorLogAgent(final PipelineCounters counters, final EpochClock clock, final long intervalMs)
    {
        super(clock, intervalMs, false);
        this.counters = counters;
    }

    @Override
    protected void onInterval(final long nowMs)
    {
        line.setLength(0);
        for (final ErrorCode code : CODES)
        {
            final long total = counters.errors(code);
            final long recent = total - logged[code.ordinal()];
            logged[code.ordinal()] = total;
            if (recent > 0)
            {
                line.append(line.length() == 0 ? "" : ", ").append(code).append(' ').append(recent);
            }
        }
        if (line.length() > 0)
        {
            LOG.info("errors sent in the last {} s: {}", intervalMs() / 1000, line);
        }
    }

    @Override
    public String roleName()
    {
        return "error-log";
    }
}
