package io.tokenfeed.sdk;

import io.tokenfeed.protocol.TokenData;
import java.util.List;

/**
 * Receives token states on the client's thread, in the server's sequence order. A {@code token_update} arrives through
 * {@link #onUpdate}, a {@code token_batch} through {@link #onBatch}. States whose {@code version} is not newer than the
 * last one delivered for their token have already been dropped (and counted as stale), so a listener only ever sees a
 * token's versions rise.
 */
@FunctionalInterface
public interface UpdateListener
{
    /**
     * @param update one token's new state ({@code snapshot} is true when it answers a (re)subscription)
     */
    void onUpdate(TokenData update);

    /**
     * The entries of one {@code token_batch} that were not stale, at most one per token. By default each goes to
     * {@link #onUpdate} in order; override to handle a batch at once. When this default is kept, the client calls
     * {@link #onUpdate} for each entry itself, so that an entry whose {@code onUpdate} throws is reported on its own and
     * the rest of the batch is still delivered; an overriding {@code onBatch} that throws loses the rest of its batch.
     *
     * @param updates the entries, in the batch's order; read-only, and only valid during the call
     */
    default void onBatch(final List<TokenData> updates)
    {
        for (final TokenData update : updates)
        {
            onUpdate(update);
        }
    }
}
