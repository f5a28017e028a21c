package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.RejectedToken;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.Gap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscriber's side of its connections: which tokens it follows, and keeping them followed across drops.
 *
 * <ul>
 *   <li>On every greeting after the first it sends {@code resume} with the previous connection's id and the last
 *   sequence processed on it, then reconciles: whatever the answer restored, it subscribes to what is missing and
 *   unsubscribes what the application dropped meanwhile (protocol.md 4.4: "send resume, then re-subscribe to every
 *   token not listed").</li>
 *   <li>On a sequence gap it re-subscribes to everything, which brings fresh snapshots.</li>
 *   <li>It hands token states to {@link UpdateDelivery} and acknowledges processed messages ({@link AckScheduler}).</li>
 * </ul>
 *
 * <p>Client-side {@code sequence} numbers rise over the client's whole life, not per connection, so that a
 * {@code subscription} response replayed from an older connection can never be taken for the answer to a newer
 * request.
 */
public final class SubscriberSession implements SessionHandler
{
    private static final int MAX_TOKENS_PER_REQUEST = 1000;
    private static final long RATE_LIMIT_RETRY_NS = 100_000_000L;
    private static final long NS_PER_MS = 1_000_000L;

    private final JsonCodec codec;
    private final Listeners listeners;
    private final SubscriberCounters counters;
    private final Set<String> desired = new LinkedHashSet<>();
    private final Map<Long, SubscriptionRequest> outstanding = new LinkedHashMap<>();
    private final AckScheduler acks;
    private final UpdateDelivery delivery;
    private Link link;
    private String connectionId;
    private boolean resumable;
    private long lastSequence;
    private long resumeRequest = -1;
    private int replayRemaining;
    private long clientSequence;
    private boolean resendPending;
    private long resendAtNs;

    /**
     * @param codec the client thread's codec
     * @param listeners the application's listeners
     * @param counters the subscriber's metrics
     * @param ackEveryMessages acknowledge after this many messages...
     * @param ackIntervalNs ...or this long after the previous ack
     */
    public SubscriberSession(final JsonCodec codec, final Listeners listeners, final SubscriberCounters counters,
        final int ackEveryMessages, final long ackIntervalNs)
    {
        this.codec = codec;
        this.listeners = listeners;
        this.counters = counters;
        this.acks = new AckScheduler(ackEveryMessages, ackIntervalNs);
        this.delivery = new UpdateDelivery(desired, listeners, counters);
    }

    /**
     * Follows more tokens: sent now when connected, otherwise on the next connection.
     *
     * @param tokens canonical addresses
     */
    public void subscribe(final Collection<String> tokens)
    {
        desired.addAll(tokens);
        if (canRequest())
        {
            request(SubscriptionAction.SUBSCRIBE, tokens);
        }
    }

    /**
     * Stops following tokens; their last delivered versions are forgotten, so a later subscription delivers a snapshot.
     *
     * @param tokens canonical addresses
     */
    public void unsubscribe(final Collection<String> tokens)
    {
        desired.removeAll(tokens);
        delivery.forget(tokens);
        if (canRequest())
        {
            request(SubscriptionAction.UNSUBSCRIBE, tokens);
        }
    }

    @Override
    public void onConnected(final ConnectionMessage greeting, final Link newLink, final long nowNs)
    {
        link = newLink;
        final String previousId = connectionId;
        final long previousLast = lastSequence;
        final boolean resume = previousId != null && resumable;
        connectionId = greeting.connectionId();
        // A window of 0 means the server keeps no session to resume; an absent one, an older server: try.
        resumable = greeting.resumeWindowMs() != 0 && connectionId != null;
        lastSequence = greeting.sequence();
        acks.reset(nowNs);
        outstanding.clear();
        replayRemaining = 0;
        resendPending = false;
        if (resume)
        {
            resumeRequest = ++clientSequence;
            send(new ResumeRequest(resumeRequest, previousId, previousLast));
        }
        else
        {
            resumeRequest = -1;
            request(SubscriptionAction.SUBSCRIBE, desired);
        }
    }

    @Override
    public void onMessage(final Message message, final long receivedAtMs, final long nowNs)
    {
        final boolean replay = replayRemaining > 0;
        if (replay)
        {
            replayRemaining--;
            counters.replayed();
        }
        if (message instanceof TokenUpdateMessage update)
        {
            delivery.single(update, receivedAtMs, replay);
        }
        else if (message instanceof TokenBatchMessage batch)
        {
            delivery.batch(batch, receivedAtMs, replay);
        }
        else if (message instanceof SubscriptionResponse response)
        {
            answered(response);
        }
        else if (message instanceof ResumeResponse response)
        {
            resumed(response);
        }
        else if (message instanceof ErrorMessage error)
        {
            failed(error, replay, nowNs);
        }
        // heartbeat: only its sequence mattered, and the manager has checked it.
        if (message.sequence() > lastSequence)
        {
            lastSequence = message.sequence();
            acks.processed(lastSequence);
        }
    }

    @Override
    public boolean onGap(final String gapConnectionId, final long expected, final long received, final long nowNs)
    {
        counters.gap();
        listeners.gap(new Gap(gapConnectionId, expected, received));
        // What was lost may be the resume's answer or replayed messages: stop waiting for them.
        resumeRequest = -1;
        replayRemaining = (int)Math.max(0, replayRemaining - (received - expected));
        outstanding.clear();
        // The state of every token is now uncertain: re-subscribing is idempotent and sends fresh snapshots (3.1).
        request(SubscriptionAction.SUBSCRIBE, desired);
        return true;
    }

    @Override
    public void onDisconnected(final long nowNs)
    {
        // lastSequence stays: it is what the next connection's resume asks to continue from.
        link = null;
        outstanding.clear();
        resumeRequest = -1;
        replayRemaining = 0;
        resendPending = false;
    }

    @Override
    public long onTimer(final long nowNs)
    {
        if (link == null)
        {
            return Long.MAX_VALUE;
        }
        if (resendPending && nowNs - resendAtNs >= 0)
        {
            resendOutstanding();
        }
        final long ack = acks.due(nowNs);
        if (ack > 0)
        {
            send(new AckRequest(++clientSequence, ack));
            acks.sent(ack, nowNs);
            counters.ackSent();
        }
        final long resendNs = resendPending ? Math.max(0, resendAtNs - nowNs) : Long.MAX_VALUE;
        return Math.min(acks.delayNs(nowNs), resendNs);
    }

    @Override
    public void onTerminated(final ConnectionState state, final String reason)
    {
        link = null;
        outstanding.clear();
    }

    private boolean canRequest()
    {
        // While a resume is unanswered, its answer's reconciliation will cover the change.
        return link != null && resumeRequest < 0;
    }

    private void resumed(final ResumeResponse response)
    {
        if (resumeRequest < 0)
        {
            return;
        }
        resumeRequest = -1;
        if (ResumeResponse.STATUS_SUCCESS.equals(response.status()))
        {
            counters.resumed();
            replayRemaining = Math.max(0, response.replayed());
        }
        else
        {
            counters.resumeUnavailable();
        }
        reconcile(response.subscriptions());
    }

    private void reconcile(final List<String> restored)
    {
        final Set<String> restoredSet = new HashSet<>(restored);
        final List<String> missing = new ArrayList<>();
        for (final String token : desired)
        {
            if (!restoredSet.contains(token))
            {
                missing.add(token);
            }
        }
        final List<String> extra = new ArrayList<>();
        for (final String token : restored)
        {
            if (!desired.contains(token))
            {
                extra.add(token);
            }
        }
        // A token the server did not restore is one it holds no session for: it restarted (its own versions start
        // again at 1) or forgot us. Its snapshot is its current state, so it sets the baseline the stale-version rule
        // compares against; the same server's snapshot can never be older than what it sent before.
        delivery.forget(missing);
        request(SubscriptionAction.SUBSCRIBE, missing);
        request(SubscriptionAction.UNSUBSCRIBE, extra);
    }

    private void answered(final SubscriptionResponse response)
    {
        outstanding.remove(response.requestSequence());
        for (final RejectedToken rejected : response.rejected())
        {
            // Addresses are checked before they are sent, so this is SUBSCRIPTION_LIMIT in practice: asking again on
            // every reconnect would only be rejected again.
            if (response.action() == SubscriptionAction.SUBSCRIBE && desired.remove(rejected.token()))
            {
                delivery.forget(List.of(rejected.token()));
            }
            listeners.error(new ClientError(rejected.code(), null,
                response.action().wireName() + " of " + rejected.token() + " rejected: " + rejected.message(), -1, null));
        }
    }

    private void failed(final ErrorMessage error, final boolean replay, final long nowNs)
    {
        listeners.error(ClientError.fromServer(error));
        if (replay)
        {
            return;
        }
        if (error.code() == ErrorCode.RATE_LIMITED)
        {
            // The warning stands in for the answer of a dropped message, which it does not name: send every
            // unanswered request again once the budget has room (subscribing twice is harmless; acks are cumulative).
            resendPending = true;
            resendAtNs = nowNs + (error.retryAfterMs() > 0 ? error.retryAfterMs() * NS_PER_MS : RATE_LIMIT_RETRY_NS);
        }
        else if (resumeRequest >= 0 && error.requestSequence() == resumeRequest)
        {
            resumeRequest = -1;
            counters.resumeUnavailable();
            reconcile(List.of());
        }
        else if (error.requestSequence() >= 0)
        {
            outstanding.remove(error.requestSequence());
        }
    }

    private void resendOutstanding()
    {
        resendPending = false;
        final List<SubscriptionRequest> again = new ArrayList<>(outstanding.values());
        outstanding.clear();
        for (final SubscriptionRequest request : again)
        {
            request(request.action(), request.tokens());
        }
    }

    private void request(final SubscriptionAction action, final Collection<String> tokens)
    {
        if (link == null || tokens.isEmpty())
        {
            return;
        }
        final List<String> all = new ArrayList<>(tokens);
        for (int from = 0; from < all.size(); from += MAX_TOKENS_PER_REQUEST)
        {
            final List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_TOKENS_PER_REQUEST));
            final SubscriptionRequest request = new SubscriptionRequest(++clientSequence, action, chunk);
            outstanding.put(request.sequence(), request);
            send(request);
        }
    }

    private void send(final Message message)
    {
        link.send(new String(codec.encode(message), StandardCharsets.UTF_8));
    }
}
