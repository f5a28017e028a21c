package io.tokenfeed.engine.ring;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;

/**
 * Lets a stage publish its progress at the end of a batch and wake the next stage, for wait strategies that block on
 * the previous stage ({@link StageBlockingWaitStrategy}); with the others the signal is a no-op.
 *
 * <p>The stage's own sequence is set <em>before</em> the signal (the processor would only set it after
 * {@code onEvent} returns), so the next stage, which re-checks that sequence under the same monitor, cannot miss it.
 */
public final class StageProgress
{
    private final WaitStrategy waitStrategy;
    private Sequence sequence;

    public StageProgress(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
    }

    /** From {@code EventHandler.setSequenceCallback}. */
    public void sequence(final Sequence sequence)
    {
        this.sequence = sequence;
    }

    /** Called by the stage with the last sequence of a batch it has fully processed. */
    public void batchDone(final long processed)
    {
        if (sequence != null)
        {
            sequence.set(processed);
        }
        waitStrategy.signalAllWhenBlocking();
    }
}
