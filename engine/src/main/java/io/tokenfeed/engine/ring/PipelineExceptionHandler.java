package io.tokenfeed.engine.ring;

import com.lmax.disruptor.ExceptionHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the Disruptor's rethrowing default: a bug in one event must not kill a stage thread and stall the ring.
 * Each distinct error (type and origin) is logged with its stack trace the first time and then with a count at every
 * power of two, so an error storm cannot flood the log.
 */
public final class PipelineExceptionHandler implements ExceptionHandler<PipelineEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(PipelineExceptionHandler.class);

    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final PipelineEvent event)
    {
        total.increment();
        final String key = key(ex);
        final long count = counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (count == 1)
        {
            LOG.error("pipeline error at sequence {} on {} event (first of its kind): {}", sequence,
                event == null ? "?" : event.type(), key, ex);
        }
        else if (Long.bitCount(count) == 1)
        {
            LOG.error("pipeline error repeated {} times: {}", count, key);
        }
        if (event != null)
        {
            event.clearAttachment();
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        LOG.error("pipeline stage failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        LOG.error("pipeline stage failed to shut down", ex);
    }

    /** Errors handled since start. */
    public long errors()
    {
        return total.sum();
    }

    private static String key(final Throwable ex)
    {
        final StackTraceElement[] trace = ex.getStackTrace();
        return ex.getClass().getName() + (trace.length > 0 ? " at " + trace[0] : "");
    }
}
