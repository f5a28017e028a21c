package io.tokenfeed.transport.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Calls a report every {@code periodSeconds} on a schedule until {@code totalSeconds} have passed, then returns. */
final class IntervalReport
{
    private final int periodSeconds;
    private final int totalSeconds;

    IntervalReport(final int periodSeconds, final int totalSeconds)
    {
        this.periodSeconds = periodSeconds;
        this.totalSeconds = totalSeconds;
    }

    /** @param report receives the seconds elapsed at each report. */
    void run(final IntConsumer report) throws InterruptedException
    {
        final int reports = Math.max(1, totalSeconds / periodSeconds);
        final CountDownLatch done = new CountDownLatch(reports);
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        final int[] elapsed = {0};
        timer.scheduleAtFixedRate(() ->
        {
            if (done.getCount() > 0)
            {
                elapsed[0] += periodSeconds;
                report.accept(elapsed[0]);
                done.countDown();
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        done.await();
        timer.shutdownNow();
    }
}
