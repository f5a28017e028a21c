package io.tokenfeed.transport.ws;

import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Refuses an upgraded connection the way protocol.md section 3 says: {@code connection} with status {@code error}
 * (sequence 1), one fatal {@code error} giving the reason (sequence 2), then the close code of that error. The
 * connection never reaches the engine. Runs on the connection's IO thread.
 */
final class ConnectionRefusal
{
    /** How long a client refused for capacity should wait before trying again (another instance, or this one later). */
    static final long CAPACITY_RETRY_AFTER_MS = 1000;
    /** How long a closing peer may take to receive our close frame before its socket is closed anyway. */
    static final long CLOSE_DEADLINE_MS = 5000;

    private ConnectionRefusal()
    {
    }

    /**
     * Once the close frame is out, drains what the peer still sends until its close frame, then closes the socket
     * ({@link DrainingCloseListener}); a peer that never answers is cut off by the deadline.
     */
    static final WebSocketCallback<Void> CLOSE_AFTER_SEND = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
            DrainingCloseListener.drainThenClose(channel);
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            IoUtils.safeClose(channel);
        }
    };
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(JsonCodec::new);
    private static final ConcurrentHashMap<ErrorCode, AtomicLong> REFUSED = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRefusal.class);

    /**
     * Logs a refusal the first time and then at every power of two of its code's count, with the count: a flood of
     * refused clients cannot flood the log.
     */
    static void log(final WebSocketChannel channel, final ErrorCode code, final String message)
    {
        final long count = REFUSED.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("connection from {} refused with {} ({} so far): {}", channel.getSourceAddress(), code, count, message);
        }
    }

    static void refuse(final WebSocketChannel channel, final ErrorCode code, final String message, final String reason)
    {
        log(channel, code, message);
        final JsonCodec codec = CODEC.get();
        final long nowMs = System.currentTimeMillis();
        final ConnectionMessage refused = new ConnectionMessage(1, nowMs, ConnectionMessage.STATUS_ERROR, UUID.randomUUID().toString(),
            -1, -1, -1, -1, null, reason);
        final ErrorMessage error = new ErrorMessage(2, nowMs, code, message, code.defaultLevel(), -1,
            code.hasRetryAfter() ? CAPACITY_RETRY_AFTER_MS : -1);
        WebSockets.sendText(new String(codec.encode(refused), StandardCharsets.UTF_8), channel, null);
        WebSockets.sendText(new String(codec.encode(error), StandardCharsets.UTF_8), channel, null);
        final CloseCode close = code.closeCode() != null ? code.closeCode() : CloseCode.POLICY_VIOLATION;
        closeWithDeadline(channel, close, reason);
    }

    /**
     * Sends the close frame and closes the socket once it is out; a peer that stops reading cannot hold the socket:
     * it is closed regardless after {@link #CLOSE_DEADLINE_MS}. Any thread.
     */
    static void closeWithDeadline(final WebSocketChannel channel, final CloseCode code, final String reason)
    {
        WebSockets.sendClose(code.code(), reason, channel, CLOSE_AFTER_SEND);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), CLOSE_DEADLINE_MS, TimeUnit.MILLISECONDS);
    }
}
