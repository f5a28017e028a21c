package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.SubscriptionResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the subscriber wants, what the server holds, and the requests between the two, on the current connection.
 *
 * <ul>
 *   <li>{@code desired}: the tokens the application follows.</li>
 *   <li>{@code confirmed}: the tokens the server holds for this connection, as its {@code subscription} responses
 *   (and a {@code resume} answer) say, applied in the order they arrive, which is the order it processed them.</li>
 *   <li>{@code outstanding}: requests sent and not answered yet, in sending order.</li>
 * </ul>
 *
 * <p>The next request is always the difference between {@code desired} and what the server will hold once every
 * outstanding request is applied: unsubscribes first (they free room under {@code maxSubscriptions}), then subscribes,
 * at most {@link #MAX_TOKENS_PER_REQUEST} tokens each. Requests are never replayed: when one is lost (dropped by the
 * rate limit, or its answer lost in a gap) it is forgotten and the difference computed again from what is wanted now.
 * A request the application has overtaken since (an unsubscribe followed by a subscribe of the same token) can
 * therefore never be sent late and undo the newer wish.
 *
 * <p>Requests are answered in the order they were sent (protocol.md 4.2), so an answer to one request proves that every
 * earlier request still unanswered was dropped, unread, by the rate limit (which answers with a warning that names no
 * request).
 *
 * <p>Client thread only.
 */
final class SubscriptionLedger
{
    /** The server refuses a request of more tokens as a whole (protocol.md 6.1). */
    static final int MAX_TOKENS_PER_REQUEST = 1000;

    private final Set<String> desired = new LinkedHashSet<>();
    private final Set<String> confirmed = new HashSet<>();
    /** Tokens to subscribe again even though the server holds them: a resync after a gap (fresh snapshots). */
    private final Set<String> resync = new LinkedHashSet<>();
    /** Tokens of a request the server refused as a whole: not asked for again on this connection (it would refuse again). */
    private final Set<String> parked = new HashSet<>();
    private final Map<Long, SubscriptionRequest> outstanding = new LinkedHashMap<>();
    private boolean dirty;

    /** @return the tokens the application follows: a live view, read by the delivery filter */
    Set<String> desired()
    {
        return desired;
    }

    void want(final Collection<String> tokens)
    {
        desired.addAll(tokens);
        parked.removeAll(tokens);
        dirty = true;
    }

    void drop(final Collection<String> tokens)
    {
        desired.removeAll(tokens);
        parked.removeAll(tokens);
        dirty = true;
    }

    /** A new connection holds nothing, and nothing is in flight on it. */
    void newConnection()
    {
        confirmed.clear();
        outstanding.clear();
        resync.clear();
        parked.clear();
        dirty = true;
    }

    /** The server moved these subscriptions to the new connection ({@code resume}); empty when it restored none. */
    void restored(final Collection<String> tokens)
    {
        confirmed.clear();
        confirmed.addAll(tokens);
        dirty = true;
    }

    /** A non-replayed {@code subscription} response of this connection. */
    void answered(final SubscriptionResponse response)
    {
        settle(response.requestSequence());
        if (response.action() == SubscriptionAction.SUBSCRIBE)
        {
            confirmed.addAll(response.tokens());
        }
        else
        {
            confirmed.removeAll(response.tokens());
        }
    }

    /**
     * A request of this connection was refused as a whole (an {@code error} naming it): nothing of it was applied, and
     * its tokens are not asked for again until the next connection or until the application names them again.
     */
    void refused(final long requestSequence)
    {
        final SubscriptionRequest request = outstanding.get(requestSequence);
        settle(requestSequence);
        if (request != null)
        {
            parked.addAll(request.tokens());
        }
    }

    /**
     * Answers were lost (a sequence gap): what the server holds is uncertain. Every wanted token is subscribed again
     * (idempotent, with a fresh snapshot), and anything that may be held without being wanted is unsubscribed.
     */
    void answersLost()
    {
        for (final SubscriptionRequest request : outstanding.values())
        {
            if (request.action() == SubscriptionAction.SUBSCRIBE)
            {
                confirmed.addAll(request.tokens());
            }
        }
        outstanding.clear();
        resync.addAll(desired);
        dirty = true;
    }

    /**
     * The rate limit dropped a message sent up to {@code sequence}, which one is unknown: requests up to there still
     * unanswered are taken as lost. A late answer to one of them is still applied (confirmed follows the server); at
     * worst a token is subscribed twice, which is harmless.
     */
    void forgetSentUpTo(final long sequence)
    {
        outstanding.keySet().removeIf(requestSequence -> requestSequence <= sequence);
        dirty = true;
    }

    /** @return true when something may need sending (a change since the difference was last found empty) */
    boolean dirty()
    {
        return dirty;
    }

    /**
     * @param nextSequence gives the request its client {@code sequence}, only when there is one to send
     * @return the next request to send (now counted as outstanding), or null when the server will hold what is wanted
     */
    SubscriptionRequest next(final LongSupplier nextSequence)
    {
        final Set<String> expected = new HashSet<>(confirmed);
        for (final SubscriptionRequest request : outstanding.values())
        {
            if (request.action() == SubscriptionAction.SUBSCRIBE)
            {
                expected.addAll(request.tokens());
            }
            else
            {
                expected.removeAll(request.tokens());
            }
        }
        final List<String> unwanted = new ArrayList<>();
        for (final String token : expected)
        {
            if (!desired.contains(token) && !parked.contains(token) && unwanted.size() < MAX_TOKENS_PER_REQUEST)
            {
                unwanted.add(token);
            }
        }
        if (!unwanted.isEmpty())
        {
            return register(new SubscriptionRequest(nextSequence.getAsLong(), SubscriptionAction.UNSUBSCRIBE, unwanted));
        }
        final List<String> missing = new ArrayList<>();
        for (final String token : desired)
        {
            if ((!expected.contains(token) || resync.contains(token)) && !parked.contains(token) && missing.size() < MAX_TOKENS_PER_REQUEST)
            {
                missing.add(token);
            }
        }
        if (!missing.isEmpty())
        {
            resync.removeAll(missing);
            return register(new SubscriptionRequest(nextSequence.getAsLong(), SubscriptionAction.SUBSCRIBE, missing));
        }
        resync.clear();
        dirty = false;
        return null;
    }

    private SubscriptionRequest register(final SubscriptionRequest request)
    {
        outstanding.put(request.sequence(), request);
        return request;
    }

    /** The answer to {@code requestSequence} came: it, and every earlier request still waiting, are no longer in flight. */
    private void settle(final long requestSequence)
    {
        final Iterator<Long> it = outstanding.keySet().iterator();
        while (it.hasNext())
        {
            final long sequence = it.next();
            if (sequence > requestSequence)
            {
                break;
            }
            // Earlier and unanswered: dropped by the rate limit. The difference will ask again if still wanted.
            it.remove();
        }
        dirty = true;
    }
}
