package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Hands token states to the update listeners: only for tokens the application follows, and only when newer than the
 * last state delivered for the token ({@link VersionTable}). A batch whose entries all pass is handed on as decoded,
 * without a copy.
 */
final class UpdateDelivery
{
    private final Set<String> followed;
    private final Listeners listeners;
    private final SubscriberCounters counters;
    private final VersionTable versions = new VersionTable();

    /**
     * @param followed the tokens the application follows (the session's live set, read here)
     * @param listeners the update listeners
     * @param counters counts deliveries, stale drops and latency
     */
    UpdateDelivery(final Set<String> followed, final Listeners listeners, final SubscriberCounters counters)
    {
        this.followed = followed;
        this.listeners = listeners;
        this.counters = counters;
    }

    void single(final TokenUpdateMessage message, final long receivedAtMs, final boolean replay)
    {
        latency(message.timestamp(), receivedAtMs, replay);
        final TokenData data = message.data();
        if (accept(data))
        {
            counters.delivered(1);
            listeners.update(data);
        }
    }

    void batch(final TokenBatchMessage message, final long receivedAtMs, final boolean replay)
    {
        latency(message.timestamp(), receivedAtMs, replay);
        final List<TokenData> updates = message.updates();
        List<TokenData> kept = null;
        for (int i = 0; i < updates.size(); i++)
        {
            final TokenData data = updates.get(i);
            final boolean keep = accept(data);
            if (!keep && kept == null)
            {
                kept = new ArrayList<>(updates.subList(0, i));
            }
            else if (keep && kept != null)
            {
                kept.add(data);
            }
        }
        final List<TokenData> delivered = kept == null ? updates : Collections.unmodifiableList(kept);
        if (!delivered.isEmpty())
        {
            counters.delivered(delivered.size());
            listeners.batch(delivered);
        }
    }

    void forget(final Collection<String> tokens)
    {
        for (final String token : tokens)
        {
            versions.forget(token);
        }
    }

    /** A connection that restores nothing: every token starts again from the snapshot that follows. */
    void forgetAll()
    {
        versions.clear();
    }

    /** Updates of a token just unsubscribed may still be on their way (until the response); they are not wanted. */
    private boolean accept(final TokenData data)
    {
        if (!followed.contains(data.address()))
        {
            return false;
        }
        if (!versions.advance(data.address(), data.version()))
        {
            counters.stale();
            return false;
        }
        return true;
    }

    private void latency(final long timestampMs, final long receivedAtMs, final boolean replay)
    {
        // A replayed message keeps its first timestamp: its age would measure the outage, not the delivery.
        if (!replay && timestampMs >= 0)
        {
            counters.latency(receivedAtMs - timestampMs);
        }
    }
}
