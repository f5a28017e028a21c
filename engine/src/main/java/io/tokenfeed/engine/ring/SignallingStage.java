package io.tokenfeed.engine.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;

/**
 * A stage that another stage waits on: after each batch it publishes its sequence and wakes its successor
 * ({@link StageProgress}), even when an event of the batch failed, so a blocking successor never waits for a signal
 * that does not come. Subclasses only process events.
 */
public abstract class SignallingStage implements EventHandler<PipelineEvent>
{
    private final StageProgress progress;

    protected SignallingStage(final StageProgress progress)
    {
        this.progress = progress;
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
