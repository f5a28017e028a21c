package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The reconnect schedule of protocol.md 4.4: 1 s base, doubling, 30 s cap, full jitter, retryAfterMs as a floor. */
class BackoffTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldDoubleTheWindowFromTheBaseUpToTheCapWhenAttemptsGrow()
    {
        final Backoff backoff = new Backoff(SECOND_NS, 30 * SECOND_NS, new SplittableRandom(1));

        final List<Long> windowsS = IntStream.range(0, 8).mapToObj(n -> backoff.windowNs(n) / SECOND_NS).toList();

        assertThat(windowsS).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void shouldStayAtTheCapWithoutOverflowWhenAttemptsAreMany()
    {
        final Backoff backoff = new Backoff(SECOND_NS, 30 * SECOND_NS, new SplittableRandom(1));

        assertThat(backoff.windowNs(63)).isEqualTo(30 * SECOND_NS);
        assertThat(backoff.windowNs(Integer.MAX_VALUE)).isEqualTo(30 * SECOND_NS);
    }

    @Test
    void shouldDrawEachDelayFromTheWholeWindowWhenJittered()
    {
        final Backoff lowest = new Backoff(SECOND_NS, 30 * SECOND_NS, new FixedRandom(0));
        final Backoff highest = new Backoff(SECOND_NS, 30 * SECOND_NS, FixedRandom.highest());
        final Backoff middle = new Backoff(SECOND_NS, 30 * SECOND_NS, new FixedRandom(0.5));

        final List<Long> scheduleNs = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++)
        {
            assertThat(lowest.delayNs(attempt, 0)).isZero();
            scheduleNs.add(highest.delayNs(attempt, 0));
        }

        assertThat(scheduleNs).containsExactly(SECOND_NS - 1, 2 * SECOND_NS - 1, 4 * SECOND_NS - 1, 8 * SECOND_NS - 1,
            16 * SECOND_NS - 1, 30 * SECOND_NS - 1);
        assertThat(middle.delayNs(2, 0)).isEqualTo(2 * SECOND_NS);
    }

    @Test
    void shouldStayWithinTheWindowWhenTheJitterIsRandom()
    {
        final Backoff backoff = new Backoff(SECOND_NS, 30 * SECOND_NS, new SplittableRandom(42));

        for (int attempt = 0; attempt < 10; attempt++)
        {
            for (int draw = 0; draw < 1000; draw++)
            {
                assertThat(backoff.delayNs(attempt, 0)).isBetween(0L, backoff.windowNs(attempt) - 1);
            }
        }
    }

    @Test
    void shouldNeverWaitLessThanTheServersRetryAfterWhenTheJitterIsSmaller()
    {
        final Backoff backoff = new Backoff(SECOND_NS, 30 * SECOND_NS, new FixedRandom(0.1));

        assertThat(backoff.delayNs(0, 1000 * 1_000_000L)).isEqualTo(SECOND_NS);
        assertThat(backoff.delayNs(4, 1000 * 1_000_000L)).isEqualTo(1_600_000_000L);
    }

    @Test
    void shouldRefuseAWindowThatCannotGrowWhenBaseOrCapAreWrong()
    {
        assertThatThrownBy(() -> new Backoff(0, SECOND_NS, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(2 * SECOND_NS, SECOND_NS, new SplittableRandom()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
