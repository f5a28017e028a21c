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
 * A client's application listeners, called on the client thread. A listener that throws is logged and reported to the
 * error listeners; it never stops the client or the other listeners.
 */
public final class Listeners
{
    private static final System.Logger LOG = System.getLogger("io.tokenfeed.sdk");

    private final List<StateListener> stateListeners;
    private final List<ErrorListener> errorListeners;
    private final List<GapListener> gapListeners;
    private final List<UpdateListener> updateListeners;
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
            catch (final RuntimeException ex)
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
            catch (final RuntimeException ex)
            {
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
            catch (final RuntimeException ex)
            {
                listenerFailed("gap", ex);
            }
        }
    }

    void update(final TokenData update)
    {
        for (final UpdateListener listener : updateListeners)
        {
            try
            {
                listener.onUpdate(update);
            }
            catch (final RuntimeException ex)
            {
                listenerFailed("update", ex);
            }
        }
    }

    void batch(final List<TokenData> updates)
    {
        for (final UpdateListener listener : updateListeners)
        {
            try
            {
                listener.onBatch(updates);
            }
            catch (final RuntimeException ex)
            {
                listenerFailed("update", ex);
            }
        }
    }

    private void listenerFailed(final String kind, final RuntimeException ex)
    {
        LOG.log(System.Logger.Level.WARNING, "a " + kind + " listener threw", ex);
        error(ClientError.local("a " + kind + " listener threw " + ex, ex));
    }
}
