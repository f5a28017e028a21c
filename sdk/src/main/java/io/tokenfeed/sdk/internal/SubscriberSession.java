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
import java.util.List;
import java.util.Set;

/**
 * The subscriber's side of its connections: which tokens it follows, and keeping them followed across drops.
 *
 * <ul>
 *   <li>On every greeting after the first it sends {@code resume} with the previous connection's id and the last
 *   sequence processed on it; the answer says what the server restored (protocol.md 4.4). A connection that does not
 *   resume (the server keeps no sessions, or the resume failed) starts from nothing: every token's last version is
 *   forgotten, since the server may have restarted and numbers its versions afresh.</li>
 *   <li>Subscription changes are never sent at once: {@link SubscriptionLedger} keeps what is wanted and what the
 *   server holds, and the timer sends the difference, at most every {@link #FLUSH_SPACING_NS}, so calls made close
 *   together share one request.</li>
 *   <li>Every message it sends goes through {@link SendPacer}, well inside the server's rate limit. Should the server
 *   still drop one ({@code RATE_LIMITED}), nothing is replayed: once {@code retryAfterMs} has passed, what is still
 *   unanswered is forgotten and the difference computed again.</li>
 *   <li>On a sequence gap it subscribes to everything again, which brings fresh snapshots.</li>
 *   <li>It hands token states to {@link UpdateDelivery} and acknowledges processed messages ({@link AckScheduler}).</li>
 * </ul>
 *
 * <p>Client-side {@code sequence} numbers rise over the client's whole life, not per connection, so that a
 * {@code subscription} response replayed from an older connection can never be taken for the answer to a newer
 * request.
 */
public final class SubscriberSession implements SessionHandler
{
    /** Subscription changes are sent at most this often: calls made closer together are coalesced. */
    static final long FLUSH_SPACING_NS = 50_000_000L;
    private static final long RATE_LIMIT_RETRY_NS = 100_000_000L;
    private static final long NS_PER_MS = 1_000_000L;

    private final JsonCodec codec;
    private final Listeners listeners;
    private final SubscriberCounters counters;
    private final SubscriptionLedger ledger = new SubscriptionLedger();
    private final SendPacer pacer = new SendPacer();
    private final AckScheduler acks;
    private final UpdateDelivery delivery;
    private Link link;
    private String connectionId;
    private boolean resumable;
    private long lastSequence;
    private String resumeConnectionId;
    private long resumeLastSequence;
    private boolean resumeToSend;
    private long resumeRequest = -1;
    private int replayRemaining;
    private long clientSequence;
    private long nextFlushNs;
    private boolean recheckPending;
    private long recheckAtNs;
    private long droppedUpTo;
    private boolean ackTurn;

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
        this.delivery = new UpdateDelivery(ledger.desired(), listeners, counters);
    }

    /**
     * Follows more tokens: requested by the next flush when connected, otherwise on the next connection.
     *
     * @param tokens canonical addresses
     */
    public void subscribe(final Collection<String> tokens)
    {
        ledger.want(tokens);
    }

    /**
     * Stops following tokens; their last delivered versions are forgotten, so a later subscription delivers a snapshot.
     *
     * @param tokens canonical addresses
     */
    public void unsubscribe(final Collection<String> tokens)
    {
        ledger.drop(tokens);
        delivery.forget(tokens);
    }

    @Override
    public void onConnected(final ConnectionMessage greeting, final Link newLink, final long nowNs)
    {
        link = newLink;
        final boolean resume = connectionId != null && resumable;
        resumeConnectionId = connectionId;
        resumeLastSequence = lastSequence;
        connectionId = greeting.connectionId();
        // A window of 0 means the server keeps no session to resume; an absent one, an older server: try.
        resumable = greeting.resumeWindowMs() != 0 && connectionId != null;
        lastSequence = greeting.sequence();
        acks.reset(nowNs);
        pacer.reset(nowNs);
        ledger.newConnection();
        replayRemaining = 0;
        recheckPending = false;
        nextFlushNs = nowNs;
        resumeRequest = -1;
        resumeToSend = resume;
        if (!resume)
        {
            // Nothing carries over: a restarted server numbers its versions afresh, and the stale-version rule would
            // hide its updates until they passed the old numbers. Its snapshots set the new baseline.
            delivery.forgetAll();
        }
        sendDue(nowNs);
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
            answered(response, replay);
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
        replayRemaining = (int)Math.max(0, replayRemaining - (received - expected));
        if (resumeRequest >= 0 || resumeToSend)
        {
            // The resume's answer may be what was lost: whether the server restarted is unknown, so every token starts
            // again from the snapshot the resync brings.
            resumeRequest = -1;
            resumeToSend = false;
            delivery.forgetAll();
        }
        // The state of every token is now uncertain: re-subscribing is idempotent and sends fresh snapshots (3.1).
        ledger.answersLost();
        return true;
    }

    @Override
    public void onDisconnected(final long nowNs)
    {
        // lastSequence stays: it is what the next connection's resume asks to continue from.
        link = null;
        resumeRequest = -1;
        resumeToSend = false;
        replayRemaining = 0;
        recheckPending = false;
    }

    @Override
    public long onTimer(final long nowNs)
    {
        if (link == null)
        {
            return Long.MAX_VALUE;
        }
        if (recheckPending && nowNs - recheckAtNs >= 0)
        {
            recheckPending = false;
            ledger.forgetSentUpTo(droppedUpTo);
        }
        sendDue(nowNs);
        return nextDelayNs(nowNs);
    }

    @Override
    public void onTerminated(final ConnectionState state, final String reason)
    {
        link = null;
    }

    /**
     * What may go out now: the resume first; then subscription changes and an ack, taking turns when the pace allows
     * only one, so that constant churn cannot starve acks (the server's resume buffer) nor a data flood subscriptions.
     */
    private void sendDue(final long nowNs)
    {
        if (resumeToSend && pacer.tryAcquire(nowNs))
        {
            resumeToSend = false;
            resumeRequest = ++clientSequence;
            send(new ResumeRequest(resumeRequest, resumeConnectionId, resumeLastSequence));
        }
        if (ackTurn)
        {
            sendAck(nowNs);
            flush(nowNs);
        }
        else
        {
            flush(nowNs);
            sendAck(nowNs);
        }
    }

    private void flush(final long nowNs)
    {
        if (!flushAllowed(nowNs))
        {
            return;
        }
        boolean sent = false;
        while (pacer.delayNs(nowNs) == 0)
        {
            final SubscriptionRequest request = ledger.next(() -> ++clientSequence);
            if (request == null)
            {
                break;
            }
            pacer.tryAcquire(nowNs);
            send(request);
            sent = true;
        }
        if (sent)
        {
            nextFlushNs = nowNs + FLUSH_SPACING_NS;
            ackTurn = true;
        }
    }

    private void sendAck(final long nowNs)
    {
        final long ack = acks.due(nowNs);
        if (ack > 0 && pacer.tryAcquire(nowNs))
        {
            send(new AckRequest(++clientSequence, ack));
            acks.sent(ack, nowNs);
            counters.ackSent();
            ackTurn = false;
        }
    }

    /** While a resume is unanswered its answer decides what is missing; until then nothing is requested. */
    private boolean flushAllowed(final long nowNs)
    {
        return !resumeToSend && resumeRequest < 0 && ledger.dirty() && nowNs - nextFlushNs >= 0;
    }

    private long nextDelayNs(final long nowNs)
    {
        final long paceNs = pacer.delayNs(nowNs);
        final long ackNs = acks.delayNs(nowNs);
        long nextNs = ackNs == Long.MAX_VALUE ? ackNs : Math.max(ackNs, paceNs);
        if (resumeToSend)
        {
            nextNs = Math.min(nextNs, paceNs);
        }
        if (!resumeToSend && resumeRequest < 0 && ledger.dirty())
        {
            nextNs = Math.min(nextNs, Math.max(paceNs, Math.max(0, nextFlushNs - nowNs)));
        }
        if (recheckPending)
        {
            nextNs = Math.min(nextNs, Math.max(0, recheckAtNs - nowNs));
        }
        return nextNs;
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
        restored(response.subscriptions());
    }

    private void restored(final List<String> tokens)
    {
        ledger.restored(tokens);
        // A token the server did not restore is one it holds no session for: it restarted (its own versions start
        // again at 1) or forgot us. Its snapshot is its current state, so it sets the baseline the stale-version rule
        // compares against; the same server's snapshot can never be older than what it sent before.
        final Set<String> restoredSet = new HashSet<>(tokens);
        final List<String> missing = new ArrayList<>();
        for (final String token : ledger.desired())
        {
            if (!restoredSet.contains(token))
            {
                missing.add(token);
            }
        }
        delivery.forget(missing);
    }

    private void answered(final SubscriptionResponse response, final boolean replay)
    {
        if (!replay)
        {
            // A replayed answer is older than the resume's list of subscriptions, which already includes its effect.
            ledger.answered(response);
        }
        for (final RejectedToken rejected : response.rejected())
        {
            // Addresses are checked before they are sent, so this is SUBSCRIPTION_LIMIT in practice: asking again on
            // every flush or reconnect would only be rejected again.
            if (response.action() == SubscriptionAction.SUBSCRIBE && ledger.desired().contains(rejected.token()))
            {
                unsubscribe(List.of(rejected.token()));
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
            rateLimited(error, nowNs);
        }
        else if (resumeRequest >= 0 && error.requestSequence() == resumeRequest)
        {
            resumeRequest = -1;
            counters.resumeUnavailable();
            restored(List.of());
        }
        else if (error.requestSequence() >= 0)
        {
            ledger.refused(error.requestSequence());
        }
    }

    /**
     * The warning stands in for the answer of one dropped message, which it does not name. Requests are answered in
     * order, so a resume still unanswered now is the dropped one (it is a connection's first message); any other
     * unanswered request may be. After {@code retryAfterMs} the difference is computed again, which asks anew for
     * whatever is still wanted and missing; acks are cumulative, so the next one covers a dropped one.
     */
    private void rateLimited(final ErrorMessage error, final long nowNs)
    {
        final long retryAfterNs = error.retryAfterMs() > 0 ? error.retryAfterMs() * NS_PER_MS : RATE_LIMIT_RETRY_NS;
        pacer.rateLimited(nowNs, retryAfterNs);
        acks.mayHaveBeenDropped();
        if (resumeRequest >= 0)
        {
            resumeRequest = -1;
            resumeToSend = true;
        }
        droppedUpTo = clientSequence;
        recheckPending = true;
        recheckAtNs = nowNs + retryAfterNs;
    }

    private void send(final Message message)
    {
        link.send(new String(codec.encode(message), StandardCharsets.UTF_8));
    }
}
