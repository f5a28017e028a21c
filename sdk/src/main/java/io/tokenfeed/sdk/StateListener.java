package io.tokenfeed.sdk;

/** Told of every {@link ConnectionState} transition, on the client's thread, in the order they happen. */
@FunctionalInterface
public interface StateListener
{
    /**
     * @param change the transition
     */
    void onStateChange(StateChange change);
}
