package io.tokenfeed.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenPlanTest
{
    @Test
    void shouldGiveEveryTokenTheSameSubscribersWhenUniform()
    {
        final TokenPlan plan = new TokenPlan(HarnessOptions.parse("--connections=100", "--subscriptions=10", "--tokens=200"), 0);

        assertThat(IntStream.range(0, 200).map(plan::subscribers).distinct().toArray()).containsExactly(5);
        assertDistinctSortedAndFindable(plan, 100, 10);
    }

    @Test
    void shouldConcentrateSubscribersOnLowRanksWhenZipf()
    {
        final HarnessOptions options = HarnessOptions.parse("--connections=1000", "--subscriptions=100", "--tokens=10000",
            "--distribution=zipf");
        final TokenPlan plan = new TokenPlan(options, 0);

        assertThat(IntStream.range(0, 10_000).map(plan::subscribers).sum()).isEqualTo(100_000);
        assertThat(plan.subscribers(0)).as("rank 1 is followed by nearly everyone").isGreaterThan(900);
        assertThat(plan.maxSubscribers()).isEqualTo(plan.subscribers(0));
        assertThat(plan.subscribers(9_999)).as("the tail is thin").isLessThan(10);
        assertDistinctSortedAndFindable(plan, 1000, 100);
    }

    @Test
    void shouldDrawTheSameZipfPlanEveryRun()
    {
        final HarnessOptions options = HarnessOptions.parse("--connections=50", "--subscriptions=20", "--tokens=1000",
            "--distribution=zipf", "--zipf-exponent=0.8");
        final TokenPlan first = new TokenPlan(options, 0);
        final TokenPlan second = new TokenPlan(options, 0);

        for (int c = 0; c < 50; c++)
        {
            for (int j = 0; j < 20; j++)
            {
                assertThat(second.token(c, j)).isEqualTo(first.token(c, j));
            }
        }
    }

    private static void assertDistinctSortedAndFindable(final TokenPlan plan, final int connections, final int k)
    {
        for (int c = 0; c < connections; c++)
        {
            for (int j = 0; j < k; j++)
            {
                if (j > 0)
                {
                    assertThat(plan.token(c, j)).isGreaterThan(plan.token(c, j - 1));
                }
                assertThat(plan.slot(c, plan.token(c, j))).isEqualTo(c * k + j);
            }
        }
        final int notFollowed = IntStream.range(0, plan.tokenCount()).filter(t -> plan.slot(0, t) < 0).findFirst().orElseThrow();
        assertThat(plan.slot(0, notFollowed)).isEqualTo(-1);
    }
}
