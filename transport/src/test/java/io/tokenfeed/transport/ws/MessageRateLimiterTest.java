package io.tokenfeed.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageRateLimiterTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldAllowOneSecondOfBurstThenOneMessagePerInterval()
    {
        final long t0 = 5 * SECOND_NS;
        final MessageRateLimiter limiter = new MessageRateLimiter(20, 100, t0);

        for (int i = 0; i < 20; i++)
        {
            assertThat(limiter.tryAcquire(t0)).as("message %d of the burst", i).isTrue();
        }
        assertThat(limiter.tryAcquire(t0)).isFalse();
        assertThat(limiter.tryAcquire(t0 + SECOND_NS / 20)).isTrue();
        assertThat(limiter.tryAcquire(t0 + SECOND_NS / 20)).isFalse();
    }

    @Test
    void shouldCallItAbuseOnlyWhenTheDropsComeWithoutTheBucketRefilling()
    {
        final long t0 = 0;
        final MessageRateLimiter limiter = new MessageRateLimiter(20, 3, t0);
        for (int i = 0; i < 20; i++)
        {
            limiter.tryAcquire(t0);
        }
        assertThat(limiter.tryAcquire(t0)).isFalse();
        assertThat(limiter.tryAcquire(t0)).isFalse();
        assertThat(limiter.abusive()).isFalse();

        assertThat(limiter.tryAcquire(t0 + 2 * SECOND_NS)).as("a quiet second refills the bucket").isTrue();
        for (int i = 0; i < 19; i++)
        {
            limiter.tryAcquire(t0 + 2 * SECOND_NS);
        }
        assertThat(limiter.tryAcquire(t0 + 2 * SECOND_NS)).isFalse();
        assertThat(limiter.tryAcquire(t0 + 2 * SECOND_NS)).isFalse();
        assertThat(limiter.abusive()).as("earlier drops were forgiven").isFalse();
        assertThat(limiter.tryAcquire(t0 + 2 * SECOND_NS)).isFalse();
        assertThat(limiter.abusive()).isTrue();
    }
}
