package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.ResumeResponse;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code resume} (protocol.md sections 3 and 5): the new connection's session takes over the previous
 * session's subscriptions, then gets either an exact replay of every retained message after the client's
 * {@code lastSequence} followed by the updates that were still pending, or, when that range is gone, a snapshot of
 * every token. Runs on the fan-out thread, so a replay can never interleave with live data.
 *
 * <p>Replayed messages are re-numbered into the new connection's sequence, so skipping one keeps it contiguous: a
 * {@code resume} response of the old connection (about a connection before it) is not replayed.
 */
final class SessionResumption
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionResumption.class);
    static final String SESSION_RESUMED = "session_resumed";

    private final SessionRegistry sessions;
    private final DetachedSessions detached;
    private final SubscriptionRegistry subscriptions;
    private final PendingInterest interest;
    private final TokenRegistry tokens;
    private final DeliveryWriter deliveries;
    private final RequestResponder responder;
    private final ReplayFramer framer = new ReplayFramer();
    private final IntArrayList followed = new IntArrayList();
    private long replays;
    private long fallbacks;
    private long messagesReplayed;

    SessionResumption(
        final SessionRegistry sessions,
        final DetachedSessions detached,
        final SubscriptionRegistry subscriptions,
        final PendingInterest interest,
        final TokenRegistry tokens,
        final DeliveryWriter deliveries,
        final RequestResponder responder)
    {
        this.sessions = sessions;
        this.detached = detached;
        this.subscriptions = subscriptions;
        this.interest = interest;
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.responder = responder;
    }

    void resume(final Session session, final ResumeRequest request, final long requestSequence, final long nowMs)
    {
        final String key = request.connectionId();
        if (session.resumed() || session.subscriptionCount() > 0 || key.equals(session.key()))
        {
            responder.error(session, ErrorCode.INVALID_MESSAGE,
                "resume must be the first request of a new connection, naming a previous connection", requestSequence, nowMs);
            return;
        }
        session.markResumed();
        final Session attached = sessions.byKey(key);
        final Session previous = attached != null ? attached : detached.take(key);
        if (previous == null)
        {
            fallbacks++;
            answer(session, ResumeResponse.STATUS_ERROR, key, requestSequence, 0, List.of(), nowMs);
            LOG.info("connection {}: resume of {} unavailable: session unknown or expired", session.key(), key);
            return;
        }
        if (attached != null)
        {
            sessions.remove(attached.connectionId());
        }
        final List<String> addresses = takeSubscriptions(previous, session);
        final long lastSequence = request.lastSequence();
        if (lastSequence <= previous.lastSequence() && lastSequence + 1 >= previous.retained().firstSequence())
        {
            replay(previous, session, key, lastSequence, requestSequence, addresses, nowMs);
        }
        else
        {
            fallbacks++;
            answer(session, ResumeResponse.STATUS_ERROR, key, requestSequence, 0, addresses, nowMs);
            deliveries.snapshot(session, followed, nowMs);
            LOG.info("connection {}: resume of {} after {} unavailable (kept {}..{}): {} subscriptions restored with snapshots",
                session.key(), key, lastSequence, previous.retained().firstSequence(), previous.lastSequence(), addresses.size());
        }
        if (attached != null)
        {
            // Only now: the old socket's last message must not be among what was replayed.
            responder.disconnect(attached, SESSION_RESUMED, nowMs);
            attached.channel().close(CloseCode.NORMAL, "session resumed on another connection");
        }
        previous.markClosed();
    }

    /** Resumes that replayed exactly. */
    long replays()
    {
        return replays;
    }

    /** Resumes answered {@code RESUME_UNAVAILABLE}. */
    long fallbacks()
    {
        return fallbacks;
    }

    long messagesReplayed()
    {
        return messagesReplayed;
    }

    private void replay(
        final Session previous,
        final Session session,
        final String key,
        final long lastSequence,
        final long requestSequence,
        final List<String> addresses,
        final long nowMs)
    {
        final int[] count = {0};
        previous.retained().replayAfter(lastSequence, (buffer, offset, length, digitsStart, digitsEnd) ->
        {
            if (ReplayFramer.isReplayable(buffer, offset, length))
            {
                count[0]++;
            }
        });
        answer(session, ResumeResponse.STATUS_SUCCESS, key, requestSequence, count[0], addresses, nowMs);
        previous.retained().replayAfter(lastSequence, (buffer, offset, length, digitsStart, digitsEnd) ->
        {
            if (ReplayFramer.isReplayable(buffer, offset, length))
            {
                final int framed = framer.reframe(buffer, offset, length, digitsStart, digitsEnd, session.nextSequence());
                session.send(framer.buffer(), 0, framed, nowMs);
            }
        });
        // What had not been sent to the old socket goes out live, after the replay.
        final IntArrayList pending = previous.pending();
        for (int i = 0, size = pending.size(); i < size; i++)
        {
            session.addPending(pending.getInt(i));
        }
        deliveries.flush(session, nowMs);
        replays++;
        messagesReplayed += count[0];
        LOG.info("connection {}: resumed {} after {}: {} messages replayed, {} subscriptions", session.key(), key, lastSequence, count[0],
            addresses.size());
    }

    private void answer(final Session session, final String status, final String key, final long requestSequence, final int replayed,
        final List<String> subscriptions, final long nowMs)
    {
        final ErrorCode code = ResumeResponse.STATUS_SUCCESS.equals(status) ? null : ErrorCode.RESUME_UNAVAILABLE;
        responder.send(session, nowMs, new ResumeResponse(session.nextSequence(), nowMs, status, key, requestSequence, replayed,
            subscriptions, code));
    }

    /** Moves every subscription (and pending interest) to the new session; returns their addresses, fills {@link #followed}. */
    private List<String> takeSubscriptions(final Session previous, final Session session)
    {
        followed.clear();
        final IntHashSet.IntIterator it = previous.subscriptions().iterator();
        while (it.hasNext())
        {
            followed.addInt(it.nextValue());
        }
        final List<String> addresses = new ArrayList<>(followed.size() + previous.interestCount());
        for (int i = 0, size = followed.size(); i < size; i++)
        {
            final int tokenId = followed.getInt(i);
            subscriptions.unsubscribe(previous, tokenId);
            subscriptions.subscribe(session, tokenId);
            addresses.add(tokens.address(tokenId));
        }
        if (previous.interestCount() > 0)
        {
            for (final String address : new ArrayList<>(previous.interests()))
            {
                interest.remove(previous, address);
                interest.add(session, address);
                addresses.add(address);
            }
        }
        return addresses;
    }
}
