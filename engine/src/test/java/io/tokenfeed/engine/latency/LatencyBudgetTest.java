package io.tokenfeed.engine.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyBudgetTest
{
    private long nowMs = 1_000_000;

    @Test
    void shouldReportAStalledFanOutStageWhenEventsWaitAndNothingIsDelivered()
    {
        final AtomicLong waiting = new AtomicLong();
        final AtomicLong progress = new AtomicLong(10);
        final LatencyTracker tracker = new LatencyTracker(() -> nowMs, 10_000);
        final LatencyBudget budget = new LatencyBudget(tracker, new StageDwell(() -> nowMs, 10_000), waiting::get, progress::get,
            () -> nowMs, 100);
        budget.onStart();

        tick(budget);
        assertThat(budget.breach()).as("an idle pipeline with an empty window is within budget").isNull();

        waiting.set(5);
        tick(budget);
        tick(budget);
        assertThat(budget.breach()).startsWith("pipeline_stalled: the fan-out stage has not moved for 2000 ms with 5 events waiting");
        assertThat(budget.breaches()).isEqualTo(1);

        progress.set(15);
        waiting.set(0);
        tick(budget);
        assertThat(budget.breach()).as("moving again").isNull();
        assertThat(budget.breaches()).isEqualTo(1);
    }

    @Test
    void shouldBreachWhenTheWindowsP99IsOverTheBudgetAndRecoverWhenItSlidesOut()
    {
        final LatencyTracker tracker = new LatencyTracker(() -> nowMs, 10_000);
        final LatencyBudget budget = new LatencyBudget(tracker, new StageDwell(() -> nowMs, 10_000), () -> 0, () -> 0, () -> nowMs, 100);
        budget.onStart();
        for (int i = 0; i < 100; i++)
        {
            tracker.recordNs(250_000_000L);
        }

        tick(budget);
        assertThat(budget.breach()).startsWith("latency_budget_exceeded: p99 250.").endsWith("> 100 ms over the last 10 s");

        for (int i = 0; i < 11; i++)
        {
            tick(budget);
        }
        assertThat(budget.breach()).isNull();
        assertThat(budget.breaches()).isEqualTo(1);
        assertThat(tracker.count()).as("a counter: the window slid, the count did not").isEqualTo(100);
    }

    private void tick(final LatencyBudget budget)
    {
        nowMs += 1000;
        budget.doWork();
    }
}
