package io.tokenfeed.engine.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions to tokens nobody has published yet, kept by address, so that clients never take ids in the shared
 * token registry: what a client names costs only its own subscription slots (bounded by
 * {@code limits.max-subscriptions}), and nothing it sends can use up a resource other clients need. When a token's
 * first state reaches the fan-out stage, the interested sessions become ordinary subscribers. Fan-out thread only.
 */
final class PendingInterest
{
    private final Map<String, List<Session>> byAddress = new HashMap<>();

    boolean isEmpty()
    {
        return byAddress.isEmpty();
    }

    void add(final Session session, final String address)
    {
        if (session.interests().add(address))
        {
            byAddress.computeIfAbsent(address, a -> new ArrayList<>(2)).add(session);
        }
    }

    void remove(final Session session, final String address)
    {
        if (session.hasInterest(address) && session.interests().remove(address))
        {
            detach(session, address);
        }
    }

    void removeAll(final Session session)
    {
        if (session.interestCount() > 0)
        {
            for (final String address : session.interests())
            {
                detach(session, address);
            }
            session.interests().clear();
        }
    }

    /** The token now has state: every session waiting for it subscribes to it by id. */
    void promote(final String address, final int tokenId, final SubscriptionRegistry subscriptions)
    {
        final List<Session> sessions = byAddress.remove(address);
        if (sessions != null)
        {
            for (final Session session : sessions)
            {
                session.interests().remove(address);
                subscriptions.subscribe(session, tokenId);
            }
        }
    }

    private void detach(final Session session, final String address)
    {
        final List<Session> sessions = byAddress.get(address);
        if (sessions != null)
        {
            sessions.remove(session);
            if (sessions.isEmpty())
            {
                byAddress.remove(address);
            }
        }
    }
}
