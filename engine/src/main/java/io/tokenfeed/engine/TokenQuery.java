package io.tokenfeed.engine;

/**
 * A read of current token state for the HTTP API. It travels through the ring like any control event, so the answer
 * is consistent with what subscribers have been sent, and no state is shared with the asking thread.
 *
 * @param tokenId  the token to read, or {@link #ALL} for the most recently updated tokens.
 * @param limit    how many tokens at most when {@code tokenId == ALL}.
 * @param callback completed on the fan-out thread; must hand off quickly.
 */
public record TokenQuery(int tokenId, int limit, Callback callback)
{
    public static final int ALL = -1;

    /** Receives the JSON body, or null when the token has no known state. */
    @FunctionalInterface
    public interface Callback
    {
        void onResult(byte[] json);
    }
}
