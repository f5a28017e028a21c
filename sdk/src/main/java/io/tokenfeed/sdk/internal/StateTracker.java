package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ConnectionState;

/**
 * A client's current {@link ConnectionState} for other threads: published by the client thread after each transition,
 * read and awaited by any thread.
 */
public final class StateTracker
{
    private volatile ConnectionState state;
    private volatile boolean ending;

    /**
     * @return the current state; null before the client thread has started
     */
    public ConnectionState state()
    {
        return state;
    }

    /**
     * Marks that the client thread is entering a final state, before its listeners hear of it: from then on no command
     * is accepted, so a caller that has seen {@code FAILED} or {@code CLOSED} can never have a request silently queued.
     */
    void ending()
    {
        ending = true;
    }

    /**
     * @return true once the client has begun entering a final state
     */
    boolean isEnding()
    {
        return ending;
    }

    /**
     * Publishes a state the client thread has entered, once its state listeners have been told: whoever awaits it then
     * finds the listeners' work done.
     *
     * @param next the state entered
     */
    synchronized void publish(final ConnectionState next)
    {
        state = next;
        notifyAll();
    }

    /**
     * @param target the state awaited
     * @param timeoutNs how long to wait at most
     * @return true once in {@code target}; false after the timeout, or when a final state other than {@code target} is
     *     reached (it would never come)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized boolean await(final ConnectionState target, final long timeoutNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (state != target)
        {
            final long leftNs = deadlineNs - System.nanoTime();
            if ((state != null && state.isTerminal()) || leftNs <= 0)
            {
                return false;
            }
            wait(Math.max(1, leftNs / 1_000_000), 0);
        }
        return true;
    }
}
