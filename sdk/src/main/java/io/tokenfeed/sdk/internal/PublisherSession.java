package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.RejectedUpdate;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.TokenFeedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The publisher's side of its connections: batching, acknowledgement, and resending.
 *
 * <ul>
 *   <li>Updates wait in {@code pending} until {@code maxBatch} of them are there or the oldest has waited
 *   {@code linger}; then they go out as one {@code token_batch} (one {@code token_update} when alone).</li>
 *   <li>Every sent message stays in {@code inFlight} until its answer. Answers come in the order of the messages
 *   (protocol.md 12.2), each echoing the message's {@code sequence}.</li>
 *   <li>When the connection is lost, or a message is answered {@code OVERLOADED} or {@code INTERNAL_ERROR}, its updates
 *   go to {@code retry} and are sent again, before anything newer, once connected (and, after {@code OVERLOADED}, past
 *   the server's {@code retryAfterMs}, with a growing backoff while the server stays overloaded). With explicit versions
 *   a resend is idempotent: an update the server already applied comes back as a duplicate, which counts as
 *   acknowledged (12.5).</li>
 *   <li>{@code INTERNAL_ERROR} is a server bug, not load: it does not pause the other sends, and a message answered so
 *   {@value #MAX_INTERNAL_ERROR_RESENDS} times after its first sending is rejected rather than sent forever.</li>
 * </ul>
 */
public final class PublisherSession implements SessionHandler
{
    private static final long DEFAULT_MAX_MESSAGE_BYTES = 1_048_576L;
    private static final long DEFAULT_RETRY_AFTER_NS = 100_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    /** Resends of a message the server keeps answering {@code INTERNAL_ERROR}; the next such answer rejects it. */
    static final int MAX_INTERNAL_ERROR_RESENDS = 3;

    private final JsonCodec codec;
    private final Listeners listeners;
    private final PublisherCounters counters;
    private final int maxBatch;
    private final long lingerNs;
    private final int maxInFlight;
    private final Backoff overloadBackoff;
    private final ArrayDeque<PendingUpdate> pending = new ArrayDeque<>();
    private final ArrayDeque<Resend> retry = new ArrayDeque<>();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private Consumer<String> closer = reason -> { };
    private Link link;
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private boolean lingerArmed;
    private long lingerDeadlineNs;
    private boolean holding;
    private long retryNotBeforeNs;
    private int overloadStreak;
    private long clientSequence;
    private boolean closing;
    private long closeDeadlineNs;
    private String terminated;

    /**
     * @param codec the client thread's codec
     * @param listeners the application's listeners
     * @param counters the publisher's metrics
     * @param maxBatch most updates per message (at most 1000, the server's limit)
     * @param lingerNs how long an update may wait for others to share its message
     * @param maxInFlight most messages sent and not answered yet
     * @param overloadBackoff delays resends while the server answers {@code OVERLOADED}
     */
    public PublisherSession(final JsonCodec codec, final Listeners listeners, final PublisherCounters counters, final int maxBatch,
        final long lingerNs, final int maxInFlight, final Backoff overloadBackoff)
    {
        this.codec = codec;
        this.listeners = listeners;
        this.counters = counters;
        this.maxBatch = maxBatch;
        this.lingerNs = lingerNs;
        this.maxInFlight = maxInFlight;
        this.overloadBackoff = overloadBackoff;
    }

    /**
     * @param closeAction closes the client (its connection manager), with a reason
     */
    public void closeWith(final Consumer<String> closeAction)
    {
        this.closer = closeAction;
    }

    /**
     * @param updates the call's updates
     * @param call their call
     * @param nowNs the client clock
     */
    public void publish(final List<TokenData> updates, final PublishCall call, final long nowNs)
    {
        if (terminated != null || closing)
        {
            call.fail(new TokenFeedException("the publisher is " + (closing ? "closing" : "closed") + ": " + terminated));
            return;
        }
        counters.published(updates.size());
        if (pending.isEmpty())
        {
            lingerArmed = true;
            lingerDeadlineNs = nowNs + lingerNs;
        }
        for (int i = 0; i < updates.size(); i++)
        {
            pending.add(new PendingUpdate(updates.get(i), call, i));
        }
        flush(nowNs);
    }

    /**
     * Sends what is pending at once, and closes the client once everything is answered or the timeout has passed.
     *
     * @param nowNs the client clock
     * @param timeoutNs how long to wait for the answers
     */
    public void beginClose(final long nowNs, final long timeoutNs)
    {
        if (terminated != null)
        {
            return;
        }
        closing = true;
        closeDeadlineNs = nowNs + timeoutNs;
        flush(nowNs);
    }

    @Override
    public void onConnected(final ConnectionMessage greeting, final Link newLink, final long nowNs)
    {
        link = newLink;
        maxMessageBytes = greeting.maxMessageBytes() > 0 ? greeting.maxMessageBytes() : DEFAULT_MAX_MESSAGE_BYTES;
        flush(nowNs);
    }

    @Override
    public void onMessage(final Message message, final long receivedAtMs, final long nowNs)
    {
        if (message instanceof IngestAckMessage ack)
        {
            acknowledged(ack);
        }
        else if (message instanceof ErrorMessage error)
        {
            refused(error, nowNs);
        }
        flush(nowNs);
    }

    @Override
    public boolean onGap(final String connectionId, final long expected, final long received, final long nowNs)
    {
        // A lost answer would pair every later answer with the wrong message: start over on a new connection, where
        // everything unanswered is sent again.
        listeners.error(ClientError.local("answers were lost (sequence " + expected + " to " + received + "): reconnecting", null));
        return false;
    }

    @Override
    public void onDisconnected(final long nowNs)
    {
        link = null;
        for (final InFlight message : inFlight)
        {
            retry.add(new Resend(message.updates(), message.internalErrors()));
        }
        inFlight.clear();
    }

    @Override
    public long onTimer(final long nowNs)
    {
        if (closing && pending.isEmpty() && retry.isEmpty() && inFlight.isEmpty())
        {
            closer.accept("closed by the application");
            return Long.MAX_VALUE;
        }
        if (closing && nowNs - closeDeadlineNs >= 0)
        {
            closer.accept("closed by the application with " + unanswered() + " updates unacknowledged");
            return Long.MAX_VALUE;
        }
        flush(nowNs);
        long nextNs = Long.MAX_VALUE;
        // With every in-flight slot taken, the next answer (not a timer) is what lets more go out.
        if (link != null && !retry.isEmpty() && inFlight.size() < maxInFlight && holding)
        {
            nextNs = Math.max(0, retryNotBeforeNs - nowNs);
        }
        else if (link != null && lingerArmed && !pending.isEmpty() && inFlight.size() < maxInFlight)
        {
            nextNs = Math.max(0, lingerDeadlineNs - nowNs);
        }
        return closing ? Math.min(nextNs, Math.max(0, closeDeadlineNs - nowNs)) : nextNs;
    }

    @Override
    public void onTerminated(final ConnectionState state, final String reason)
    {
        terminated = reason;
        link = null;
        final TokenFeedException error = new TokenFeedException(
            "the publisher is " + state.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason);
        for (final InFlight message : inFlight)
        {
            fail(message.updates(), error);
        }
        for (final Resend again : retry)
        {
            fail(again.updates(), error);
        }
        for (final PendingUpdate update : pending)
        {
            update.call().fail(error);
        }
        inFlight.clear();
        retry.clear();
        pending.clear();
    }

    private void flush(final long nowNs)
    {
        if (link == null || (holding && nowNs - retryNotBeforeNs < 0))
        {
            return;
        }
        holding = false;
        while (!retry.isEmpty() && inFlight.size() < maxInFlight)
        {
            final Resend again = retry.poll();
            counters.resent(again.updates().size());
            send(again.updates(), again.internalErrors());
        }
        // Resends first: a retried update must not be overtaken by a newer one of the same token.
        while (retry.isEmpty() && !pending.isEmpty() && inFlight.size() < maxInFlight)
        {
            final boolean due = closing || !lingerArmed || nowNs - lingerDeadlineNs >= 0;
            if (pending.size() < maxBatch && !due)
            {
                return;
            }
            final List<PendingUpdate> batch = new ArrayList<>(Math.min(maxBatch, pending.size()));
            while (batch.size() < maxBatch && !pending.isEmpty())
            {
                batch.add(pending.poll());
            }
            send(batch, 0);
            lingerArmed = !pending.isEmpty();
            lingerDeadlineNs = nowNs + lingerNs;
        }
    }

    private void send(final List<PendingUpdate> updates, final int internalErrors)
    {
        final long sequence = ++clientSequence;
        final byte[] json = codec.encode(message(sequence, updates));
        if (json.length > maxMessageBytes)
        {
            if (updates.size() > 1)
            {
                // Never send what the server would answer with MESSAGE_TOO_LARGE and a close: split until it fits.
                final int half = updates.size() / 2;
                send(updates.subList(0, half), internalErrors);
                send(updates.subList(half, updates.size()), internalErrors);
                return;
            }
            final PendingUpdate update = updates.get(0);
            counters.acknowledged(0, 0, 1);
            update.call().rejected(update.index(), update.data(), ErrorCode.MESSAGE_TOO_LARGE,
                "the update alone exceeds maxMessageBytes (" + maxMessageBytes + ")", null);
            return;
        }
        link.send(new String(json, StandardCharsets.UTF_8));
        inFlight.add(new InFlight(sequence, updates, internalErrors));
        counters.messageSent();
    }

    private static Message message(final long sequence, final List<PendingUpdate> updates)
    {
        if (updates.size() == 1)
        {
            return new TokenUpdateMessage(sequence, -1, updates.get(0).data());
        }
        final List<TokenData> data = new ArrayList<>(updates.size());
        for (final PendingUpdate update : updates)
        {
            data.add(update.data());
        }
        return new TokenBatchMessage(sequence, -1, data);
    }

    private void acknowledged(final IngestAckMessage ack)
    {
        final InFlight message = answered(ack.requestSequence());
        if (message == null)
        {
            return;
        }
        overloadStreak = 0;
        final List<PendingUpdate> updates = message.updates();
        final RejectedUpdate[] rejectedAt = new RejectedUpdate[updates.size()];
        int rejected = 0;
        for (final RejectedUpdate entry : ack.rejected())
        {
            if (entry.index() < rejectedAt.length)
            {
                rejectedAt[entry.index()] = entry;
                rejected++;
            }
        }
        // Counted before any future completes: whoever the completion wakes sees the metrics already include it.
        counters.acknowledged(updates.size() - rejected, ack.duplicates(), rejected);
        for (int i = 0; i < updates.size(); i++)
        {
            final PendingUpdate update = updates.get(i);
            final RejectedUpdate entry = rejectedAt[i];
            if (entry == null)
            {
                update.call().acknowledged(ack);
            }
            else
            {
                update.call().rejected(update.index(), update.data(), entry.code(), entry.message(), ack);
            }
        }
    }

    private void refused(final ErrorMessage error, final long nowNs)
    {
        listeners.error(ClientError.fromServer(error));
        final boolean unnumbered = error.code() == ErrorCode.OVERLOADED || error.code() == ErrorCode.INTERNAL_ERROR;
        if (error.requestSequence() < 0 && !unnumbered)
        {
            return;
        }
        final InFlight message = answered(error.requestSequence());
        if (message == null)
        {
            return;
        }
        if (error.code() == ErrorCode.OVERLOADED)
        {
            // Nothing of the message was applied: send it again once the server has had time to drain.
            counters.overloadedAnswer();
            retry.add(new Resend(message.updates(), message.internalErrors()));
            final long floorNs = error.retryAfterMs() > 0 ? error.retryAfterMs() * NS_PER_MS : DEFAULT_RETRY_AFTER_NS;
            retryNotBeforeNs = nowNs + overloadBackoff.delayNs(overloadStreak++, floorNs);
            holding = true;
            return;
        }
        if (error.code() == ErrorCode.INTERNAL_ERROR && message.internalErrors() < MAX_INTERNAL_ERROR_RESENDS)
        {
            // Nobody knows whether it was applied: send it again, at once (a bug is not load, nothing else need wait).
            retry.add(new Resend(message.updates(), message.internalErrors() + 1));
            return;
        }
        // Refused as a whole for what it is (INVALID_MESSAGE, BATCH_TOO_LARGE...), or INTERNAL_ERROR every time it was
        // sent: sending it again would not help.
        final String reason = error.code() == ErrorCode.INTERNAL_ERROR
            ? error.message() + " (answered " + (MAX_INTERNAL_ERROR_RESENDS + 1) + " times; not sent again)" : error.message();
        counters.acknowledged(0, 0, message.updates().size());
        for (final PendingUpdate update : message.updates())
        {
            update.call().rejected(update.index(), update.data(), error.code(), reason, null);
        }
    }

    /** Answers come in message order; the echoed sequence confirms which message, and finds it if order was broken. */
    private InFlight answered(final long requestSequence)
    {
        final InFlight head = inFlight.peekFirst();
        if (head == null || requestSequence < 0 || head.sequence() == requestSequence)
        {
            return inFlight.pollFirst();
        }
        final Iterator<InFlight> it = inFlight.iterator();
        while (it.hasNext())
        {
            final InFlight message = it.next();
            if (message.sequence() == requestSequence)
            {
                it.remove();
                return message;
            }
        }
        return null;
    }

    private int unanswered()
    {
        int count = pending.size();
        for (final Resend again : retry)
        {
            count += again.updates().size();
        }
        for (final InFlight message : inFlight)
        {
            count += message.updates().size();
        }
        return count;
    }

    private static void fail(final List<PendingUpdate> updates, final Throwable error)
    {
        for (final PendingUpdate update : updates)
        {
            update.call().fail(error);
        }
    }
}
