package io.tokenfeed.sdk.internal;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends text messages on a JDK WebSocket one at a time: the JDK refuses a text message while the previous one is still
 * being sent. The client thread queues; whichever thread completes a send starts the next. A close, once asked for,
 * goes out after everything queued before it.
 */
final class SerialSender
{
    /** How long a closing client waits for the server's close frame before it lets the socket go. */
    private static final long CLOSE_LINGER_MS = 1000;

    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Consumer<Throwable> onFailure;
    private volatile WebSocket socket;
    private volatile boolean closeRequested;
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile String closeReason;

    /**
     * @param onFailure told when a send fails (the connection is then as good as gone)
     */
    SerialSender(final Consumer<Throwable> onFailure)
    {
        this.onFailure = onFailure;
    }

    /** The socket opened: what was queued before goes out now. */
    void attach(final WebSocket openedSocket)
    {
        socket = openedSocket;
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
        closeCode = code;
        closeReason = reason;
        closeRequested = true;
        drain();
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
                    ws.sendClose(closeCode, closeReason).whenComplete((w, e) ->
                        CompletableFuture.delayedExecutor(CLOSE_LINGER_MS, TimeUnit.MILLISECONDS).execute(ws::abort));
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
