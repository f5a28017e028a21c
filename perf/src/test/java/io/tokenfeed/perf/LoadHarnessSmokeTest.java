package io.tokenfeed.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A reduced-scale run of the spec scenario in assertion mode against an embedded server: a generous budget over a
 * real run (p99 under 100 ms, nothing missing, duplicated or out of sequence), not a micro-timing test.
 */
class LoadHarnessSmokeTest
{
    @Test
    void shouldMeetTheSpecBudgetAtReducedScale() throws Exception
    {
        final HarnessOptions options = HarnessOptions.parse("--connections=200", "--subscriptions=20", "--tokens=1000", "--rate=2000",
            "--batch=50", "--warmup=1", "--seconds=4", "--assert=true");

        final Report report = LoadHarness.run(options);

        assertThat(report.budgetFailures()).as(report.text()).isEmpty();
        assertThat(report.expectedDeliveries()).as("every update reaches each of its subscribers").isEqualTo(report.deliveries());
        assertThat(report.deliveries()).isEqualTo(5L * 2000 * 200 * 20 / 1000);
        assertThat(report.corrected().getTotalCount()).isPositive();
        assertThat(report.json()).contains("\"budgetPassed\":true");
    }

    @Test
    void shouldCountEveryDeliveryWhenSubscriptionsFollowZipf() throws Exception
    {
        final HarnessOptions options = HarnessOptions.parse("--connections=100", "--subscriptions=20", "--tokens=500", "--rate=1000",
            "--batch=50", "--warmup=1", "--seconds=3", "--distribution=zipf", "--zipf-exponent=1.2");

        final Report report = LoadHarness.run(options);

        assertThat(report.budgetFailures()).as(report.text()).isEmpty();
        assertThat(report.deliveries()).isEqualTo(report.expectedDeliveries());
        assertThat(report.json()).contains("\"distribution\":\"zipf s=1.2\"");
        assertThat(report.serverHeap().usedBytes()).as("the embedded server's heap is this process's").isPositive();
    }

    @Test
    void shouldDeliverEverySnapshotOfAStorm() throws Exception
    {
        final String report = LoadHarness.runOther(HarnessOptions.parse("--scenario=snapshot-storm", "--connections=100",
            "--subscriptions=10", "--tokens=200"));

        assertThat(report).contains("round 1 (cold server): 100 of 100 connections got every snapshot")
            .contains("round 3 (warm server): 100 of 100 connections got every snapshot");
        assertThat(report.split("errors 0;", -1)).as(report).hasSize(4);
    }

    @Test
    void shouldReportMemoryPerIdleConnection() throws Exception
    {
        final String report = LoadHarness.runOther(HarnessOptions.parse("--scenario=connections", "--connections=200"));

        assertThat(report).contains("200 idle connections opened").contains("KB per connection");
    }

    @Test
    void shouldRefuseUnknownScenariosAndOptions()
    {
        assertThatThrownBy(() -> HarnessOptions.parse("--scenario=nope"))
            .hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> HarnessOptions.parse("--conections=5"))
            .hasMessageContaining("unknown arguments");
        assertThat(HarnessOptions.parse("--scenario=slow-consumer").stalled()).isEqualTo(10);
        assertThat(HarnessOptions.parse("--scenario=compare", "--rate=8000").rate()).isEqualTo(8000);
        assertThat(HarnessOptions.parse("--scenario=stress").seconds()).isEqualTo(15);
    }
}
