package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Waiting for a client's future on the client's own thread fails fast instead of deadlocking. */
class ClientThreadFutureTest
{
    private final AtomicBoolean onClientThread = new AtomicBoolean(true);
    private final ClientThreadFuture<String> future = new ClientThreadFuture<>(onClientThread::get);

    @Test
    void shouldFailFastWhenJoinedOrGotOnTheClientThreadBeforeItIsDone()
    {
        assertThatThrownBy(future::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        assertThatThrownBy(future::get).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldGuardEveryFutureDerivedFromIt()
    {
        final CompletableFuture<Integer> derived = future.copy().thenApply(String::length);

        assertThatThrownBy(derived::join).isInstanceOf(IllegalStateException.class);
        future.complete("done");
        assertThat(derived.join()).isEqualTo(4);
    }

    @Test
    void shouldReturnTheResultOnTheClientThreadOnceDone() throws Exception
    {
        future.complete("done");

        assertThat(future.join()).isEqualTo("done");
        assertThat(future.get()).isEqualTo("done");
    }

    @Test
    void shouldWaitAsUsualOnAnyOtherThread() throws Exception
    {
        onClientThread.set(false);

        assertThat(future.completeOnTimeout("late", 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS)).isEqualTo("late");
    }
}
