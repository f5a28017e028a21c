package io.tokenfeed.sdk.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A future completed by a client's thread that refuses to be waited for on that very thread. {@code join()} or
 * {@code get()} there (in a listener, or in a non-async callback of another future) would block the only thread that can
 * complete it: a deadlock. This future fails fast with an {@link IllegalStateException} instead, and so does every
 * future derived from it ({@code thenApply}, {@code copy}...), which {@link #newIncompleteFuture()} makes of this type.
 *
 * @param <T> the result type
 */
final class ClientThreadFuture<T> extends CompletableFuture<T>
{
    private final BooleanSupplier onClientThread;

    /**
     * @param onClientThread true when called on the thread that completes this future
     */
    ClientThreadFuture(final BooleanSupplier onClientThread)
    {
        this.onClientThread = onClientThread;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        refuseOnClientThread();
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException
    {
        // A timed wait would not hang, but it could only ever time out: the client thread is the one waiting.
        refuseOnClientThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join()
    {
        refuseOnClientThread();
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new ClientThreadFuture<>(onClientThread);
    }

    private void refuseOnClientThread()
    {
        if (!isDone() && onClientThread.getAsBoolean())
        {
            throw new IllegalStateException("waiting for a tokenfeed future on the client's own thread (in a listener or a non-async "
                + "callback) would deadlock: that thread completes it. Use thenAccept/whenComplete, or wait on another thread");
        }
    }
}
