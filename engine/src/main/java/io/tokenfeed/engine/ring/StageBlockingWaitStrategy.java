package io.tokenfeed.engine.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * Blocks on the stage's real dependency, not only on the producers' cursor.
 *
 * <p>The Disruptor's {@code BlockingWaitStrategy} blocks until the cursor has moved, but then <em>spins</em> until the
 * previous stage has processed the sequence. In a three-stage pipeline that makes stages 2 and 3 busy-spin whenever
 * data flows: measured on 2 cores, most of the server's CPU went into that spin. Here a consumer waits on a monitor
 * until its dependent sequence (the cursor for stage 1, the previous stage's sequence after that) reaches the wanted
 * sequence. Producers wake it on publish; a stage wakes its successor by calling {@link #signalAllWhenBlocking()}
 * after it has advanced its own sequence at the end of each batch (see {@link StageProgress}).
 */
public final class StageBlockingWaitStrategy implements WaitStrategy
{
    private final Object mutex = new Object();

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        long available = dependentSequence.get();
        if (available < sequence)
        {
            synchronized (mutex)
            {
                while ((available = dependentSequence.get()) < sequence)
                {
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }
}
