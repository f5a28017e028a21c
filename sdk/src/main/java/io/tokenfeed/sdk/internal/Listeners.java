package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ErrorListener;
import io.tokenfeed.sdk.Gap;
import io.tokenfeed.sdk.GapListener;
import io.tokenfeed.sdk.StateChange;
import io.tokenfeed.sdk.StateListener;
import io.tokenfeed.sdk.UpdateListener;
import java.util.List;

/**
 * A client's application listeners, called on the client thread. A listener that throws anything (an
 * {@link AssertionError} from a test's listener included) is logged and reported to the error listeners; it never
 * stops the client or the other listeners. Only a {@link VirtualMachineError} (out of memory, stack overflow) goes on
 * up: the JVM is then in no state to go on as if nothing happened.
 */
public final class Listeners
{
    private static final System.Logger LOG = System.getLogger("io.tokenfeed.sdk");

    private final List<StateListener> stateListeners;
    private final List<ErrorListener> errorListeners;
    private final List<GapListener> gapListeners;
    private final List<UpdateListener> updateListeners;
    /** Per update listener: true when it keeps {@link UpdateListener#onBatch}'s default, so the SDK calls onUpdate itself. */
    private final boolean[] entryByEntry;
    private final ConnectionCounters counters;

    /**
     * @param stateListeners told of state transitions
     * @param errorListeners told of errors
     * @param gapListeners told of sequence gaps
     * @param updateListeners given token states
     * @param counters counts the errors
     */
    public Listeners(final List<StateListener> stateListeners, final List<ErrorListener> errorListeners,
        final List<GapListener> gapListeners, final List<UpdateListener> updateListeners, final ConnectionCounters counters)
    {
        this.stateListeners = List.copyOf(stateListeners);
        this.errorListeners = List.copyOf(errorListeners);
        this.gapListeners = List.copyOf(gapListeners);
        this.updateListeners = List.copyOf(updateListeners);
        this.counters = counters;
        this.entryByEntry = new boolean[this.updateListeners.size()];
        for (int i = 0; i < entryByEntry.length; i++)
        {
            entryByEntry[i] = keepsDefaultOnBatch(this.updateListeners.get(i));
        }
    }

    void state(final StateChange change)
    {
        LOG.log(System.Logger.Level.DEBUG, "state {0} -> {1}: {2}", change.previous(), change.current(), change.reason());
        for (final StateListener listener : stateListeners)
        {
            try
            {
                listener.onStateChange(change);
            }
            catch (final Throwable ex)
            {
                listenerFailed("state", ex);
            }
        }
    }

    void error(final ClientError error)
    {
        counters.error();
        // Without a listener the application would never hear of it: the log is the last resort.
        LOG.log(errorListeners.isEmpty() ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "tokenfeed client error: {0} {1}",
            error.code() == null ? "" : error.code(), error.message());
        for (final ErrorListener listener : errorListeners)
        {
            try
            {
                listener.onError(error);
            }
            catch (final Throwable ex)
            {
                rethrowIfFatal(ex);
                // Not reported to the error listeners: one of them is what failed.
                LOG.log(System.Logger.Level.WARNING, "an error listener threw", ex);
            }
        }
    }

    void gap(final Gap gap)
    {
        for (final GapListener listener : gapListeners)
        {
            try
            {
                listener.onGap(gap);
            }
            catch (final Throwable ex)
            {
                listenerFailed("gap", ex);
            }
        }
    }

    void update(final TokenData update)
    {
        for (final UpdateListener listener : updateListeners)
        {
            deliver(listener, update);
        }
    }

    void batch(final List<TokenData> updates)
    {
        for (int i = 0; i < entryByEntry.length; i++)
        {
            final UpdateListener listener = updateListeners.get(i);
            if (entryByEntry[i])
            {
                // What the default onBatch does, but one entry's failure costs only that entry, not the rest of the batch.
                for (int j = 0; j < updates.size(); j++)
                {
                    deliver(listener, updates.get(j));
                }
                continue;
            }
            try
            {
                listener.onBatch(updates);
            }
            catch (final Throwable ex)
            {
                listenerFailed("update", ex);
            }
        }
    }

    private void deliver(final UpdateListener listener, final TokenData update)
    {
        try
        {
            listener.onUpdate(update);
        }
        catch (final Throwable ex)
        {
            listenerFailed("update", ex);
        }
    }

    private void listenerFailed(final String kind, final Throwable ex)
    {
        rethrowIfFatal(ex);
        LOG.log(System.Logger.Level.WARNING, "a " + kind + " listener threw", ex);
        error(ClientError.local("a " + kind + " listener threw " + ex, ex));
    }

    private static void rethrowIfFatal(final Throwable ex)
    {
        if (ex instanceof VirtualMachineError fatal)
        {
            throw fatal;
        }
    }

    /** A lambda or a class that does not override onBatch resolves it to the interface's default method. */
    static boolean keepsDefaultOnBatch(final UpdateListener listener)
    {
        try
        {
            return listener.getClass().getMethod("onBatch", List.class).getDeclaringClass() == UpdateListener.class;
        }
        catch (final NoSuchMethodException | SecurityException ex)
        {
            return false;
        }
    }
}
