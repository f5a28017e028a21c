package io.tokenfeed.engine.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StageBlockingWaitStrategyTest
{
    private final StageBlockingWaitStrategy strategy = new StageBlockingWaitStrategy();
    private final Sequence cursor = new Sequence(10);
    private final Sequence previousStage = new Sequence(-1);
    private volatile boolean alerted;
    private final SequenceBarrier barrier = new SequenceBarrier()
    {
        @Override
        public long waitFor(final long sequence)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor()
        {
            return cursor.get();
        }

        @Override
        public boolean isAlerted()
        {
            return alerted;
        }

        @Override
        public void alert()
        {
            alerted = true;
            strategy.signalAllWhenBlocking();
        }

        @Override
        public void clearAlert()
        {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException
        {
            if (alerted)
            {
                throw AlertException.INSTANCE;
            }
        }
    };

    @Test
    void shouldBlockUntilThePreviousStageReportsProgressEvenWhenTheCursorIsAhead() throws Exception
    {
        final CompletableFuture<Long> waited = new CompletableFuture<>();
        final Thread waiter = new Thread(() -> waited.complete(waitFor(5)));
        waiter.start();
        final StageProgress progress = new StageProgress(strategy);
        progress.sequence(previousStage);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.WAITING);

        progress.batchDone(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.WAITING);
        assertThat(waited).as("progress short of the wanted sequence").isNotDone();
        progress.batchDone(7);

        assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void shouldReturnAtOnceWhenTheSequenceIsAvailable() throws Exception
    {
        previousStage.set(9);

        assertThat(strategy.waitFor(5, cursor, previousStage, barrier)).isEqualTo(9);
    }

    @Test
    void shouldWakeABlockedWaiterOnAlert() throws Exception
    {
        final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                strategy.waitFor(5, cursor, previousStage, barrier);
                outcome.complete(null);
            }
            catch (final Throwable ex)
            {
                outcome.complete(ex);
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.WAITING);

        barrier.alert();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(AlertException.class);
    }

    private long waitFor(final long sequence)
    {
        try
        {
            return strategy.waitFor(sequence, cursor, previousStage, barrier);
        }
        catch (final AlertException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
