package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.ClientChannel;
import java.util.HashSet;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;

/**
 * Per-connection state. Owned by the fan-out thread alone: sequence, subscriptions and pending tokens are never
 * touched by any other thread.
 *
 * <p>Pending tokens are ids, not bytes: at flush time each is read from the {@link TokenStateStore}, so several
 * updates of one token since the last flush are conflated to the latest for free.
 */
final class Session
{
    private final int connectionId;
    private final ClientChannel channel;
    private final IntHashSet subscriptions = new IntHashSet();
    private final IntArrayList pending = new IntArrayList();
    private final IntHashSet pendingSet = new IntHashSet();
    private long lastSequence;
    private long lastAck;
    private long lastSentMs;
    private Set<String> interests;
    private long lastPingMs;
    private boolean timedOut;
    private boolean dirty;
    private boolean closed;

    Session(final int connectionId, final ClientChannel channel, final long openedMs)
    {
        this.connectionId = connectionId;
        this.channel = channel;
        this.lastPingMs = openedMs;
    }

    int connectionId()
    {
        return connectionId;
    }

    ClientChannel channel()
    {
        return channel;
    }

    /** Hands one complete message to the transport and remembers when, for idle heartbeats. */
    void send(final DirectBuffer buffer, final int offset, final int length, final long nowMs)
    {
        channel.sendText(buffer, offset, length);
        lastSentMs = nowMs;
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

    /** Closed for silence: the close is under way, no more pings or heartbeats. */
    boolean timedOut()
    {
        return timedOut;
    }

    void markTimedOut()
    {
        timedOut = true;
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
