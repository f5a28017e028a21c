package io.tokenfeed.engine.fanout;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;

/**
 * Which sessions follow which token, both ways. Single writer: the fan-out thread.
 */
final class SubscriptionRegistry
{
    private static final SubscriberSet NONE = new SubscriberSet();

    private final Int2ObjectHashMap<SubscriberSet> byToken = new Int2ObjectHashMap<>();
    private long total;

    /** @return true when the session was not subscribed yet. */
    boolean subscribe(final Session session, final int tokenId)
    {
        if (!session.subscriptions().add(tokenId))
        {
            return false;
        }
        SubscriberSet set = byToken.get(tokenId);
        if (set == null)
        {
            set = new SubscriberSet();
            byToken.put(tokenId, set);
        }
        set.add(session);
        total++;
        return true;
    }

    /** @return true when the session was subscribed. */
    boolean unsubscribe(final Session session, final int tokenId)
    {
        if (!session.subscriptions().remove(tokenId))
        {
            return false;
        }
        detach(session, tokenId);
        return true;
    }

    void unsubscribeAll(final Session session)
    {
        final IntHashSet tokens = session.subscriptions();
        final IntHashSet.IntIterator it = tokens.iterator();
        while (it.hasNext())
        {
            detach(session, it.nextValue());
        }
        tokens.clear();
    }

    SubscriberSet subscribers(final int tokenId)
    {
        final SubscriberSet set = byToken.get(tokenId);
        return set == null ? NONE : set;
    }

    /** Subscriptions summed over sessions. */
    long total()
    {
        return total;
    }

    /** Tokens with at least one subscriber. */
    int distinctTokens()
    {
        return byToken.size();
    }

    private void detach(final Session session, final int tokenId)
    {
        final SubscriberSet set = byToken.get(tokenId);
        if (set != null)
        {
            set.remove(session);
            if (set.size() == 0)
            {
                byToken.remove(tokenId);
            }
        }
        total--;
    }
}
