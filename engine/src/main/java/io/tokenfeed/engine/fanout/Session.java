package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.ClientChannel;
import java.util.HashSet;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.MutableLong;

/**
 * Per-connection state. Owned by the fan-out thread alone: sequence, subscriptions, pending tokens and retained
 * messages are never touched by any other thread.
 *
 * <p>Pending tokens are ids, not bytes: at flush time each is read from the {@link TokenStateStore}, so several
 * updates of one token since the last flush are conflated to the latest for free. That is also how a session that
 * cannot be written to (held back, or detached from its dropped socket) keeps up: it only marks tokens pending.
 *
 * <p>A resumable session outlives its socket: detached, it keeps its subscriptions, pending tokens and retained
 * messages until a {@code resume} takes them over or the resume window ends.
 */
final class Session
{
    private static final long ATTACHED = -1;

    private final int connectionId;
    private final ClientChannel channel;
    private final String key;
    private final boolean resumable;
    private final RetainedMessages retained;
    private final IntHashSet subscriptions = new IntHashSet();
    private final IntArrayList pending = new IntArrayList();
    private final IntHashSet pendingSet = new IntHashSet();
    private long lastSequence;
    private long lastAck;
    private long lastSentMs;
    private Set<String> interests;
    private long lastPingMs;
    private final MutableLong conflatedUpdates;
    private boolean closing;
    private boolean dirty;
    private boolean held;
    private boolean closed;
    private boolean resumed;
    private long detachedAtMs = ATTACHED;
    private long lastWrittenMessages;
    private long lastWriteProgressMs;
    private long lastWithinBudgetMs;

    /** @param conflatedUpdates shared by all sessions: counts updates replaced by a newer one before they were sent. */
    Session(final int connectionId, final ClientChannel channel, final long openedMs, final int retainCapacity,
        final MutableLong conflatedUpdates)
    {
        this.conflatedUpdates = conflatedUpdates;
        this.connectionId = connectionId;
        this.channel = channel;
        this.key = channel.connectionId();
        this.resumable = channel.resumable();
        this.retained = new RetainedMessages(resumable ? retainCapacity : 0);
        this.lastPingMs = openedMs;
        this.lastWriteProgressMs = openedMs;
        this.lastWithinBudgetMs = openedMs;
    }

    int connectionId()
    {
        return connectionId;
    }

    ClientChannel channel()
    {
        return channel;
    }

    /** The id the client knows the session by (the {@code connectionId} of its {@code connection} message). */
    String key()
    {
        return key;
    }

    boolean resumable()
    {
        return resumable;
    }

    /**
     * Hands one complete message, numbered with the sequence last taken from {@link #nextSequence()}, to the transport
     * and keeps it until acknowledged.
     */
    void send(final DirectBuffer buffer, final int offset, final int length, final long nowMs)
    {
        channel.sendText(buffer, offset, length);
        retained.retain(lastSequence, buffer, offset, length);
        lastSentMs = nowMs;
    }

    RetainedMessages retained()
    {
        return retained;
    }

    long lastSentMs()
    {
        return lastSentMs;
    }

    long lastPingMs()
    {
        return lastPingMs;
    }

    void pinged(final long nowMs)
    {
        lastPingMs = nowMs;
    }

    /** The server started closing the connection (silence, slow consumer): no more pings, heartbeats or checks. */
    boolean closing()
    {
        return closing;
    }

    void markClosing()
    {
        closing = true;
    }

    /** Held back: its socket has too much unsent, so its updates wait, conflated, until the socket drains. */
    boolean held()
    {
        return held;
    }

    void held(final boolean held)
    {
        this.held = held;
    }

    /** Records the socket's progress at a check; returns when it last accepted a message while data was pending. */
    long writeProgressMs(final long writtenMessages, final long unsentBytes, final long nowMs)
    {
        if (unsentBytes == 0 || writtenMessages != lastWrittenMessages)
        {
            lastWrittenMessages = writtenMessages;
            lastWriteProgressMs = nowMs;
        }
        return lastWriteProgressMs;
    }

    /** When the socket last accepted a message while data was pending (or had nothing pending), as of the last check. */
    long lastWriteProgressMs()
    {
        return lastWriteProgressMs;
    }

    /** Records whether the backlog is within budget at a check; returns when it last was. */
    long withinBudgetMs(final boolean withinBudget, final long nowMs)
    {
        if (withinBudget)
        {
            lastWithinBudgetMs = nowMs;
        }
        return lastWithinBudgetMs;
    }

    /** A {@code resume} was answered on this session (only one is allowed, as its first request). */
    boolean resumed()
    {
        return resumed;
    }

    void markResumed()
    {
        resumed = true;
    }

    boolean detached()
    {
        return detachedAtMs != ATTACHED;
    }

    long detachedAtMs()
    {
        return detachedAtMs;
    }

    /** The socket dropped: the session waits for a resume. */
    void detach(final long nowMs)
    {
        detachedAtMs = nowMs;
    }

    /** @return the sequence number for the next message sent on this session. */
    long nextSequence()
    {
        return ++lastSequence;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    long lastAck()
    {
        return lastAck;
    }

    void lastAck(final long lastAck)
    {
        this.lastAck = lastAck;
    }

    IntHashSet subscriptions()
    {
        return subscriptions;
    }

    /** Addresses subscribed before any data existed for them (see {@link PendingInterest}); created on first use. */
    Set<String> interests()
    {
        if (interests == null)
        {
            interests = new HashSet<>();
        }
        return interests;
    }

    boolean hasInterest(final String address)
    {
        return interests != null && interests.contains(address);
    }

    int interestCount()
    {
        return interests == null ? 0 : interests.size();
    }

    /** What counts against {@code limits.max-subscriptions}: tokens followed by id plus those awaiting first data. */
    int subscriptionCount()
    {
        return subscriptions.size() + interestCount();
    }

    /** @return true when the session was not dirty before, so the caller enlists it once per batch. */
    boolean addPending(final int tokenId)
    {
        if (pendingSet.add(tokenId))
        {
            pending.addInt(tokenId);
        }
        else
        {
            conflatedUpdates.increment();
        }
        final boolean wasClean = !dirty;
        dirty = true;
        return wasClean;
    }

    IntArrayList pending()
    {
        return pending;
    }

    void clearPending()
    {
        pending.clear();
        pendingSet.clear();
        dirty = false;
    }

    boolean closed()
    {
        return closed;
    }

    void markClosed()
    {
        closed = true;
        clearPending();
    }
}
