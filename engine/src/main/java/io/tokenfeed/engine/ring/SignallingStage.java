package io.tokenfeed.engine.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.tokenfeed.engine.latency.LatencyTracker;
import org.agrona.concurrent.NanoClock;

/**
 * A stage that another stage waits on: after each batch it publishes its sequence and wakes its successor
 * ({@link StageProgress}), even when an event of the batch failed, so a blocking successor never waits for a signal
 * that does not come. Subclasses only process events.
 */
public abstract class SignallingStage implements EventHandler<PipelineEvent>
{
    private final StageProgress progress;
    private final LatencyTracker dwell;
    private final NanoClock nanoClock;

    /** A stage whose ring dwell is not measured (benchmarks, tests). */
    protected SignallingStage(final StageProgress progress)
    {
        this(progress, null, null);
    }

    /** @param dwell where each token update's wait from publication to this stage is recorded */
    protected SignallingStage(final StageProgress progress, final LatencyTracker dwell, final NanoClock nanoClock)
    {
        this.progress = progress;
        this.dwell = dwell;
        this.nanoClock = nanoClock;
    }

    @Override
    public final void setSequenceCallback(final Sequence sequence)
    {
        progress.sequence(sequence);
    }

    @Override
    public final void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (dwell != null && event.type() == EventType.TOKEN_UPDATE)
            {
                dwell.recordNs(nanoClock.nanoTime() - event.enqueuedNs());
            }
            process(event);
        }
        finally
        {
            if (endOfBatch)
            {
                progress.batchDone(sequence);
            }
        }
    }

    /** This stage's work on one event; the same single thread calls it for every event. */
    protected abstract void process(PipelineEvent event);
}
