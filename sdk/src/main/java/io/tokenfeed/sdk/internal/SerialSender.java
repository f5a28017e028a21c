package io.tokenfeed.sdk.internal;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends text messages on a JDK WebSocket one at a time: the JDK refuses a text message while the previous one is still
 * being sent. The client thread queues; whichever thread completes a send starts the next. A close, once asked for,
 * goes out after everything queued before it.
 *
 * <p>The socket is let go {@link #CLOSE_LINGER_MS} after the close was asked for, unconditionally: a peer that stopped
 * reading can hold a send (and so the close frame behind it) pending forever, and must not hold the socket with it.
 */
final class SerialSender
{
    /** How long a closing client gives its last sends and the close handshake before it lets the socket go. */
    static final long CLOSE_LINGER_MS = 1000;

    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Consumer<Throwable> onFailure;
    private final Executor afterLinger;
    private volatile WebSocket socket;
    private volatile boolean aborted;
    private volatile boolean closeRequested;
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile String closeReason;

    /**
     * @param onFailure told when a send fails (the connection is then as good as gone)
     */
    SerialSender(final Consumer<Throwable> onFailure)
    {
        this(onFailure, CompletableFuture.delayedExecutor(CLOSE_LINGER_MS, TimeUnit.MILLISECONDS));
    }

    /**
     * @param onFailure told when a send fails
     * @param afterLinger runs a task {@link #CLOSE_LINGER_MS} from now (tests run it when they choose)
     */
    SerialSender(final Consumer<Throwable> onFailure, final Executor afterLinger)
    {
        this.onFailure = onFailure;
        this.afterLinger = afterLinger;
    }

    /** The socket opened: what was queued before goes out now (or, if the socket was let go meanwhile, it is dropped). */
    void attach(final WebSocket openedSocket)
    {
        socket = openedSocket;
        if (aborted)
        {
            openedSocket.abort();
            return;
        }
        drain();
    }

    void send(final String text)
    {
        if (!closed)
        {
            queue.add(text);
            drain();
        }
    }

    void close(final int code, final String reason)
    {
        if (closeRequested)
        {
            return;
        }
        closeCode = code;
        closeReason = reason;
        closeRequested = true;
        afterLinger.execute(this::abort);
        drain();
    }

    /** Drops the socket at once, without a close frame; a socket still opening is dropped as soon as it opens. */
    void abort()
    {
        aborted = true;
        discard();
        final WebSocket ws = socket;
        if (ws != null)
        {
            ws.abort();
        }
    }

    /** Nothing more will be sent. */
    void discard()
    {
        closed = true;
        queue.clear();
    }

    private void drain()
    {
        final WebSocket ws = socket;
        if (ws == null)
        {
            return;
        }
        while (!closed && sending.compareAndSet(false, true))
        {
            final String next = queue.poll();
            if (next == null)
            {
                if (closeRequested)
                {
                    closed = true;
                    ws.sendClose(closeCode, closeReason);
                    return;
                }
                sending.set(false);
                if (queue.isEmpty() && !closeRequested)
                {
                    return;
                }
                continue;
            }
            final CompletableFuture<WebSocket> sent = ws.sendText(next, true);
            if (sent.isDone())
            {
                // Loop rather than recurse: a socket with room completes sends at once.
                sending.set(false);
                if (sent.isCompletedExceptionally())
                {
                    sent.whenComplete((w, e) -> failed(e));
                    return;
                }
                continue;
            }
            sent.whenComplete((w, e) ->
            {
                sending.set(false);
                if (e != null)
                {
                    failed(e);
                }
                else
                {
                    drain();
                }
            });
            return;
        }
    }

    private void failed(final Throwable error)
    {
        discard();
        onFailure.accept(error);
    }
}
