package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.PingRequest;
import io.tokenfeed.protocol.RejectedToken;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionResponse;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one session's requests on the fan-out thread, so every response takes its place in the session's sequence
 * exactly where the request was ordered on the ring. Control path: it may allocate, the data path does not.
 */
final class RequestResponder
{
    private static final Logger LOG = LoggerFactory.getLogger(RequestResponder.class);
    /** The hint given with OVERLOADED and the other retryable codes: a full ring drains in milliseconds. */
    static final long RETRY_AFTER_MS = 100;

    private final EngineConfig config;
    private final SubscriptionRegistry subscriptions;
    private final PendingInterest interest;
    private final TokenRegistry tokens;
    private final DeliveryWriter deliveries;
    private final PipelineCounters counters;
    private final JsonCodec codec = new JsonCodec();
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final IntArrayList snapshotScratch = new IntArrayList();

    RequestResponder(
        final EngineConfig config,
        final SubscriptionRegistry subscriptions,
        final PendingInterest interest,
        final TokenRegistry tokens,
        final DeliveryWriter deliveries,
        final PipelineCounters counters)
    {
        this.counters = counters;
        this.config = config;
        this.subscriptions = subscriptions;
        this.interest = interest;
        this.tokens = tokens;
        this.deliveries = deliveries;
    }

    void greet(final Session session, final long timestampMs)
    {
        send(session, timestampMs, new ConnectionMessage(session.nextSequence(), timestampMs, "connected", session.channel().connectionId(),
            config.maxSubscriptions(), config.heartbeatIntervalMs(), config.maxMessageBytes(), config.resumeWindowMs(),
            config.serverVersion(), null));
    }

    void request(final Session session, final Object request, final long requestSequence, final long timestampMs)
    {
        if (request instanceof SubscriptionCommand)
        {
            subscription(session, (SubscriptionCommand)request, requestSequence, timestampMs);
        }
        else if (request instanceof AckRequest)
        {
            ack(session, (AckRequest)request, requestSequence, timestampMs);
        }
        else if (request instanceof PingRequest)
        {
            send(session, timestampMs, new HeartbeatMessage(session.nextSequence(), timestampMs, requestSequence));
        }
        else
        {
            LOG.error("connection {}: unexpected request object {}", session.channel().connectionId(), request);
            error(session, ErrorCode.INTERNAL_ERROR, "request could not be handled", requestSequence, timestampMs);
        }
    }

    void error(final Session session, final ErrorCode code, final String message, final long requestSequence, final long timestampMs)
    {
        final long count = counters.error(code);
        if (Long.bitCount(count) == 1)
        {
            // The first of each code, then at every power of two: a flood of bad input cannot flood the log, and the
            // count says how big it is (every error is counted in tokenfeed_errors_total and the minute's summary).
            LOG.info("connection {} ({}): sent {} ({} so far on all connections): {}", session.channel().connectionId(),
                session.channel().remoteAddress(), code, count, message);
        }
        send(session, timestampMs, new ErrorMessage(session.nextSequence(), timestampMs, code, message, code.defaultLevel(),
            requestSequence, code.hasRetryAfter() ? RETRY_AFTER_MS : -1));
        if (code.defaultLevel() == ErrorLevel.FATAL && code.closeCode() != null)
        {
            // protocol.md section 7: a fatal error is the session's last message, followed by its close code.
            session.channel().close(code.closeCode(), code.name());
        }
    }

    private void subscription(final Session session, final SubscriptionCommand command, final long requestSequence, final long nowMs)
    {
        final boolean subscribe = command.action() == SubscriptionAction.SUBSCRIBE;
        final List<String> applied = new ArrayList<>(command.addresses().size());
        final List<RejectedToken> rejected = new ArrayList<>(command.rejected());
        snapshotScratch.clear();
        for (int i = 0; i < command.tokenIds().length; i++)
        {
            final String address = command.addresses().get(i);
            // The edge resolved ids when it decoded; a source may have interned the token since.
            final int tokenId = command.tokenIds()[i] >= 0 ? command.tokenIds()[i] : tokens.lookup(address);
            if (!subscribe)
            {
                if (tokenId >= 0)
                {
                    subscriptions.unsubscribe(session, tokenId);
                }
                interest.remove(session, address);
                applied.add(address);
            }
            else if (isFollowing(session, tokenId, address) || session.subscriptionCount() < config.maxSubscriptions())
            {
                if (tokenId >= 0)
                {
                    subscriptions.subscribe(session, tokenId);
                    snapshotScratch.addInt(tokenId);
                }
                else
                {
                    interest.add(session, address);
                }
                applied.add(address);
            }
            else
            {
                rejected.add(new RejectedToken(command.requested().get(i), ErrorCode.SUBSCRIPTION_LIMIT,
                    "connection already has " + config.maxSubscriptions() + " subscriptions"));
            }
        }
        final String status = applied.isEmpty() ? "error" : "success";
        send(session, nowMs, new SubscriptionResponse(session.nextSequence(), nowMs, command.action(), applied, status, requestSequence,
            session.subscriptionCount(), rejected));
        if (!snapshotScratch.isEmpty())
        {
            deliveries.snapshot(session, snapshotScratch, nowMs);
        }
    }

    private static boolean isFollowing(final Session session, final int tokenId, final String address)
    {
        return tokenId >= 0 ? session.subscriptions().contains(tokenId) : session.hasInterest(address);
    }

    private void ack(final Session session, final AckRequest ack, final long requestSequence, final long nowMs)
    {
        final long acked = ack.ackSequence();
        if (acked > session.lastSequence())
        {
            error(session, ErrorCode.INVALID_MESSAGE,
                "ack " + acked + " is beyond the last sequence sent (" + session.lastSequence() + ")", requestSequence, nowMs);
        }
        else if (acked < session.lastAck())
        {
            error(session, ErrorCode.INVALID_MESSAGE,
                "ack " + acked + " goes backwards (last ack " + session.lastAck() + ")", requestSequence, nowMs);
        }
        else
        {
            session.lastAck(acked);
            session.retained().release(acked);
        }
    }

    /** {@code connection} with status {@code disconnected}: the last message before a graceful close. */
    void disconnect(final Session session, final String reason, final long nowMs)
    {
        send(session, nowMs, new ConnectionMessage(session.nextSequence(), nowMs, ConnectionMessage.STATUS_DISCONNECTED,
            session.channel().connectionId(), config.maxSubscriptions(), config.heartbeatIntervalMs(), config.maxMessageBytes(),
            config.resumeWindowMs(), config.serverVersion(), reason));
    }

    void ingestAck(final Session session, final IngestBatch batch, final long nowMs)
    {
        send(session, nowMs, batch.ack(session.nextSequence(), nowMs));
    }

    /** Sent when nothing else went out on the session for a heartbeat interval: lets a client see a lost tail. */
    void idleHeartbeat(final Session session, final long nowMs)
    {
        send(session, nowMs, new HeartbeatMessage(session.nextSequence(), nowMs));
    }

    /** Sends a message encoded by the codec (control path), numbered with the session's latest sequence. */
    void send(final Session session, final long nowMs, final Message message)
    {
        final byte[] bytes = codec.encode(message);
        sendView.wrap(bytes);
        session.send(sendView, 0, bytes.length, nowMs);
        counters.sent(message.type(), bytes.length);
    }
}
