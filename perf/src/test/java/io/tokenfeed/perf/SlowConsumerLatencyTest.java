package io.tokenfeed.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading must not slow the healthy ones: the same reduced-scale stream with and without 10 stalled
 * clients (embedded server, the harness's one-thread client), healthy p99 within 2x — or within a 10 ms noise floor,
 * below which two runs on a shared 2-core machine differ anyway. A fan-out that waited on a stalled socket would hold
 * everyone back by far more. The transport's {@code SlowConsumerTest} covers what happens to the stalled client.
 */
class SlowConsumerLatencyTest
{
    private static final long NOISE_FLOOR_US = 10_000;

    @Test
    void shouldKeepHealthyClientsLatencyWhenOthersStopReading() throws Exception
    {
        final String[] load = {"--connections=200", "--subscriptions=20", "--tokens=1000", "--rate=4000", "--batch=50", "--warmup=2",
            "--seconds=5"};
        LoadHarness.run(HarnessOptions.parse(load)); // warm-up: the first run of a JVM measures the JIT
        final Report baseline = LoadHarness.run(HarnessOptions.parse(load));
        final String[] stalled = java.util.Arrays.copyOf(load, load.length + 1);
        stalled[load.length] = "--stalled=10";
        final Report withStalled = LoadHarness.run(HarnessOptions.parse(stalled));

        assertThat(withStalled.budgetFailures()).as(withStalled.text()).isEmpty();
        final long baselineP99 = baseline.corrected().getValueAtPercentile(99);
        assertThat(withStalled.corrected().getValueAtPercentile(99)).as("healthy p99 (us) with 10 stalled clients; without: %d us",
            baselineP99).isLessThanOrEqualTo(Math.max(2 * baselineP99, baselineP99 + NOISE_FLOOR_US));
    }
}
