package io.tokenfeed.engine.fanout;

import com.lmax.disruptor.EventHandler;
import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.TokenQuery;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ResumeRequest;
import com.lmax.disruptor.ExceptionHandler;
import java.util.Arrays;
import java.util.Queue;
import java.util.function.Consumer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: the single writer of sessions, subscriptions, per-connection sequences and the delivered token state.
 *
 * <p>Smart batching: an update only marks the token pending on each subscribed session; when the ring's batch ends
 * ({@code endOfBatch}), each dirty session is flushed once, as one {@code token_update} or as few {@code token_batch}
 * messages as the limits allow. Under light load a batch is one event (minimal latency); under load batches grow
 * and messages per delivered token fall. A token updated twice within one batch flushes first, so a connection that
 * keeps up receives every version. A control event first flushes its session, so a response is never
 * overtaken by, nor overtakes, data that was ordered before it on the ring.
 *
 * <p>Delivery guarantees (protocol.md section 5) live here too, on the same thread: every message a subscriber session
 * sends is retained until acknowledged; a dropped subscriber's session is kept detached for the resume window; a
 * {@code resume} replays in place ({@link SessionResumption}); a socket that cannot keep up is held back and
 * conflated, then closed as a slow consumer ({@link Backpressure}).
 */
public final class FanOutHandler implements EventHandler<PipelineEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(FanOutHandler.class);

    private final EpochClock clock;
    private final TokenStateStore store;
    private final SessionRegistry sessions = new SessionRegistry();
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
    private final PendingInterest interest = new PendingInterest();
    private final TokenRegistry tokens;
    private final DeliveryWriter deliveries;
    private final RequestResponder responder;
    private final TokenQueryResponder queries;
    private final Queue<Integer> deferredCloses;
    private final long heartbeatIntervalMs;
    private final IntHashSet closedBeforeOpened = new IntHashSet();
    /** Tokens marked pending since the last flush: a flag per token id plus their list, so clearing costs what was set. */
    private final boolean[] pendingSinceFlush;
    private final IntArrayList tokensSinceFlush = new IntArrayList();
    private final ExceptionHandler<PipelineEvent> exceptionHandler;
    private final int retainCapacity;
    private final DetachedSessions detached;
    private final SessionResumption resumption;
    private final Backpressure backpressure;
    private final DeliveryStats stats = new DeliveryStats();
    private final Consumer<Session> free = this::free;
    private Session[] dirty = new Session[64];
    private long heartbeatTimeouts;
    private long slowConsumers;
    private final MutableLong conflatedUpdates = new MutableLong();
    private int dirtyCount;
    private final PipelineCounters counters = new PipelineCounters();
    private final NanoClock nanoClock;
    private final LatencyTracker dwell;

    /**
     * @param deferredCloses closes that could not be published on a full ring; drained at the end of every batch so a
     *                       session is never leaked.
     */
    public FanOutHandler(
        final EngineConfig config,
        final TokenRegistry tokens,
        final EpochClock clock,
        final NanoClock nanoClock,
        final LatencyTracker latency,
        final Queue<Integer> deferredCloses,
        final ExceptionHandler<PipelineEvent> exceptionHandler)
    {
        this(config, tokens, clock, nanoClock, latency, null, deferredCloses, exceptionHandler);
    }

    /** @param dwell where each token update's wait in the ring before this stage is recorded, or null */
    public FanOutHandler(
        final EngineConfig config,
        final TokenRegistry tokens,
        final EpochClock clock,
        final NanoClock nanoClock,
        final LatencyTracker latency,
        final LatencyTracker dwell,
        final Queue<Integer> deferredCloses,
        final ExceptionHandler<PipelineEvent> exceptionHandler)
    {
        this.nanoClock = nanoClock;
        this.dwell = dwell;
        this.exceptionHandler = exceptionHandler;
        this.tokens = tokens;
        this.clock = clock;
        this.store = new TokenStateStore(config.maxTokens());
        this.deliveries = new DeliveryWriter(store, latency, nanoClock, config.maxBatchTokens(), config.maxMessageBytes(), counters);
        this.responder = new RequestResponder(config, subscriptions, interest, tokens, deliveries, counters);
        this.queries = new TokenQueryResponder(store);
        this.deferredCloses = deferredCloses;
        this.heartbeatIntervalMs = config.heartbeatIntervalMs();
        this.retainCapacity = config.delivery().resumeBufferBytes();
        this.pendingSinceFlush = new boolean[config.maxTokens()];
        this.detached = new DetachedSessions(config.resumeWindowMs(), config.delivery().maxDetachedSessions());
        this.resumption = new SessionResumption(sessions, detached, subscriptions, interest, tokens, deliveries, responder);
        this.backpressure = new Backpressure(config.delivery());
    }

    @Override
    public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
    {
        switch (event.type())
        {
            case TOKEN_UPDATE:
                if (dwell != null)
                {
                    // Every update, stale or not, as the apply and encode stages count them.
                    dwell.recordNs(nanoClock.nanoTime() - event.enqueuedNs());
                }
                // Length 0: the encode stage failed on this event (already reported); nothing valid to send.
                if (!event.stale() && event.encodedLength() > 0)
                {
                    onUpdate(event);
                }
                break;
            case NONE:
                break;
            case CONNECTION_OPENED:
                onOpened(event.connectionId(), (ClientChannel)event.attachment());
                break;
            case CONNECTION_CLOSED:
                onClosed(event.connectionId());
                break;
            case CLIENT_REQUEST:
                onRequest(event);
                break;
            case CLIENT_ERROR:
                onClientError(event);
                break;
            case TOKEN_QUERY:
                queries.answer((TokenQuery)event.attachment());
                break;
            case TIMER_TICK:
                onTick();
                break;
            case INGEST_DONE:
                onIngestDone((IngestBatch)event.attachment());
                break;
            case SHUTDOWN:
                onServerShutdown();
                break;
            default:
                LOG.error("unknown event type {}", event.type());
        }
        event.clearAttachment();
        if (endOfBatch)
        {
            flushDirty();
            drainDeferredCloses();
            if (backpressure.heldCount() > 0)
            {
                backpressure.releaseDrained(deliveries, clock.time());
            }
        }
    }

    /** Open sessions; exact on the stage thread, approximate elsewhere. */
    public int sessionCount()
    {
        return sessions.size();
    }

    public long subscriptionCount()
    {
        return subscriptions.total();
    }

    public long messagesSent()
    {
        return deliveries.messagesSent();
    }

    /** Errors sent by code and ingest outcomes, counted as they happen. */
    public PipelineCounters pipelineCounters()
    {
        return counters;
    }

    /** Resume buffers, detached sessions, conflation and slow consumers; refreshed at every timer tick. */
    public DeliveryStats deliveryStats()
    {
        return stats;
    }

    private void onUpdate(final PipelineEvent event)
    {
        final int tokenId = event.tokenId();
        if (pendingSinceFlush[tokenId])
        {
            // The same token again before the flush: send the pending version first, so a connection that keeps up
            // gets every version; only held-back or detached sessions conflate (they stay pending).
            flushDirty();
        }
        pendingSinceFlush[tokenId] = true;
        tokensSinceFlush.addInt(tokenId);
        final boolean firstState = !store.isKnown(tokenId);
        store.put(tokenId, event.encodedBuffer(), 0, event.encodedLength(), event.enqueuedNs());
        if (firstState && !interest.isEmpty())
        {
            interest.promote(tokens.address(tokenId), tokenId, subscriptions);
        }
        final SubscriberSet subscribers = subscriptions.subscribers(tokenId);
        for (int i = 0, size = subscribers.size(); i < size; i++)
        {
            final Session session = subscribers.get(i);
            if (session.addPending(tokenId))
            {
                enlist(session);
            }
        }
    }

    private void onOpened(final int connectionId, final ClientChannel channel)
    {
        if (closedBeforeOpened.remove(connectionId))
        {
            return;
        }
        final long nowMs = clock.time();
        final Session session = new Session(connectionId, channel, nowMs, retainCapacity, conflatedUpdates);
        sessions.add(session);
        responder.greet(session, nowMs);
    }

    private void onClosed(final int connectionId)
    {
        final Session session = sessions.remove(connectionId);
        if (session != null && !(session.resumable() && detached.add(session, clock.time(), free)))
        {
            free(session);
        }
    }

    /** The session ends for good: no resume can take it over any more. */
    private void free(final Session session)
    {
        subscriptions.unsubscribeAll(session);
        interest.removeAll(session);
        session.markClosed();
    }

    /**
     * A close deferred from a full ring can reach this stage before the connection's open, which is still in the ring
     * (the transport only reports closes of connections whose open it published): remember it, so the open is dropped.
     */
    private void onDeferredClose(final int connectionId)
    {
        if (sessions.get(connectionId) == null)
        {
            closedBeforeOpened.add(connectionId);
        }
        else
        {
            onClosed(connectionId);
        }
    }

    private void onRequest(final PipelineEvent event)
    {
        final Session session = sessionForControl(event.connectionId());
        if (session != null)
        {
            final long nowMs = clock.time();
            if (event.attachment() instanceof ResumeRequest)
            {
                resumption.resume(session, (ResumeRequest)event.attachment(), event.requestSequence(), nowMs);
            }
            else
            {
                responder.request(session, event.attachment(), event.requestSequence(), nowMs);
            }
        }
    }

    private void onClientError(final PipelineEvent event)
    {
        final Session session = sessionForControl(event.connectionId());
        if (session != null)
        {
            responder.error(session, event.errorCode(), (String)event.attachment(), event.requestSequence(), clock.time());
        }
    }

    private void onIngestDone(final IngestBatch batch)
    {
        final long nowMs = clock.time();
        counters.ingested(batch.updates().size() - batch.duplicates(), batch.duplicates(), batch.rejected().size());
        if (batch.connectionId() == IngestBatch.NO_CONNECTION)
        {
            batch.callback().onAck(batch.ack(-1, nowMs));
            return;
        }
        final Session session = sessionForControl(batch.connectionId());
        if (session != null)
        {
            responder.ingestAck(session, batch, nowMs);
        }
    }

    private void onServerShutdown()
    {
        final long nowMs = clock.time();
        int sessionsNotified = 0;
        for (final Session session : sessions.all())
        {
            sessionForControl(session.connectionId());
            responder.disconnect(session, "server_shutdown", nowMs);
            session.channel().close(CloseCode.GOING_AWAY, "server shutdown");
            sessionsNotified++;
        }
        LOG.info("shutdown announced to {} sessions", sessionsNotified);
    }

    /**
     * Deadlines, once per tick: a ping frame to every session every heartbeat interval; a session whose peer has been
     * silent (no message, no pong) for two intervals is closed with 4000; a slow consumer is closed with 4001; a session
     * that has sent nothing for an interval gets a {@code heartbeat} message, whose sequence lets its client see a lost
     * tail. Detached sessions whose resume window ended are freed.
     */
    private void onTick()
    {
        final long nowMs = clock.time();
        long retainedBytes = 0;
        long retainedCapacity = 0;
        for (final Session session : sessions.all())
        {
            retainedBytes += session.retained().size();
            retainedCapacity += session.retained().capacity();
            if (session.closing())
            {
                continue;
            }
            final ClientChannel channel = session.channel();
            if (nowMs - channel.lastReceivedMs() >= 2 * heartbeatIntervalMs)
            {
                session.markClosing();
                heartbeatTimeouts++;
                LOG.info("connection {} ({}): nothing received for {} ms, closing with 4000", channel.connectionId(),
                    channel.remoteAddress(), nowMs - channel.lastReceivedMs());
                channel.close(CloseCode.HEARTBEAT_TIMEOUT, "heartbeat timeout");
                continue;
            }
            final long backlog = backpressure.slowConsumerBacklog(session, store, nowMs);
            if (backlog >= 0)
            {
                closeSlowConsumer(session, backlog, nowMs);
                continue;
            }
            if (nowMs - session.lastPingMs() >= heartbeatIntervalMs)
            {
                channel.sendPing();
                session.pinged(nowMs);
            }
            if (nowMs - session.lastSentMs() >= heartbeatIntervalMs)
            {
                sessionForControl(session.connectionId());
                if (nowMs - session.lastSentMs() >= heartbeatIntervalMs)
                {
                    responder.idleHeartbeat(session, nowMs);
                }
            }
        }
        detached.expire(nowMs, free);
        for (final Session session : detached.all())
        {
            retainedBytes += session.retained().size();
            retainedCapacity += session.retained().capacity();
        }
        publishStats(retainedBytes, retainedCapacity);
    }

    private void closeSlowConsumer(final Session session, final long backlog, final long nowMs)
    {
        session.markClosing();
        slowConsumers++;
        final ClientChannel channel = session.channel();
        LOG.warn("connection {} ({}): slow consumer, backlog {} bytes ({} unsent), socket last accepted data {} ms ago; closing with 4001",
            channel.connectionId(), channel.remoteAddress(), backlog, channel.unsentBytes(),
            nowMs - session.lastWriteProgressMs());
        sessionForControl(session.connectionId());
        responder.error(session, ErrorCode.SLOW_CONSUMER, "the connection did not keep up with its updates; resume after retryAfterMs",
            -1, nowMs);
    }

    private void publishStats(final long retainedBytes, final long retainedCapacity)
    {
        stats.retained(retainedBytes, retainedCapacity);
        stats.sessions(detached.size(), backpressure.heldCount());
        stats.conflatedUpdates(conflatedUpdates.get());
        stats.slowConsumers(slowConsumers);
        stats.resumes(resumption.replays(), resumption.fallbacks(), resumption.messagesReplayed());
        stats.sessionsExpired(detached.expired() + detached.evicted());
        stats.traffic(deliveries.messagesSent(), deliveries.tokensDelivered(), heartbeatTimeouts);
        stats.subscribedTokens(subscriptions.distinctTokens());
    }

    /** Sessions closed for two silent heartbeat intervals since start. */
    public long heartbeatTimeouts()
    {
        return heartbeatTimeouts;
    }

    /** Flushes what the session has pending so the control response keeps its place in the order. */
    private Session sessionForControl(final int connectionId)
    {
        final Session session = sessions.get(connectionId);
        if (session != null && !session.pending().isEmpty())
        {
            deliveries.flush(session, clock.time());
        }
        return session;
    }

    private void enlist(final Session session)
    {
        if (dirtyCount == dirty.length)
        {
            dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        }
        dirty[dirtyCount++] = session;
    }

    private void flushDirty()
    {
        for (int i = 0, size = tokensSinceFlush.size(); i < size; i++)
        {
            pendingSinceFlush[tokensSinceFlush.getInt(i)] = false;
        }
        tokensSinceFlush.clear();
        if (dirtyCount == 0)
        {
            return;
        }
        final long nowMs = clock.time();
        try
        {
            for (int i = 0; i < dirtyCount; i++)
            {
                final Session session = dirty[i];
                dirty[i] = null;
                // Detached or held sessions keep their tokens pending (conflated) until resumed or drained.
                if (!session.closed() && !session.detached() && backpressure.mayFlush(session))
                {
                    flushGuarded(session, nowMs);
                }
            }
        }
        finally
        {
            dirtyCount = 0;
        }
    }

    /** One session's failure (a transport bug) must not stop delivery to the others: logged once per kind, counted. */
    private void flushGuarded(final Session session, final long nowMs)
    {
        try
        {
            deliveries.flush(session, nowMs);
        }
        catch (final RuntimeException ex)
        {
            exceptionHandler.handleEventException(ex, -1, null);
        }
    }

    private void drainDeferredCloses()
    {
        Integer connectionId;
        while ((connectionId = deferredCloses.poll()) != null)
        {
            onDeferredClose(connectionId);
        }
    }
}
