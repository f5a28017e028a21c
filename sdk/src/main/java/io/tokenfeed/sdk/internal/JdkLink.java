package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientClock;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One connection over the JDK's {@link WebSocket}. As its listener it only joins fragments into messages and posts them
 * to the client thread; it never decodes or touches client state.
 *
 * <p>Flow control: the JDK delivers a message only when asked ({@link WebSocket#request(long)}). This link asks for the
 * next one at once while fewer than {@code maxQueuedMessages} of its messages wait for the client thread, and otherwise
 * pauses until the client thread has caught up ({@link #consumed()}): a slow application then slows the socket, and the
 * server sees a slow consumer (conflation, at worst {@code SLOW_CONSUMER} and a resume), instead of this process
 * buffering without bound.
 */
final class JdkLink implements Link, WebSocket.Listener
{
    private final long id;
    private final Consumer<Inbound> sink;
    private final ClientClock clock;
    private final int maxQueuedMessages;
    private final MessageAssembler assembler;
    private final SerialSender sender;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile boolean aborted;
    private volatile long lastArrivalNs;

    JdkLink(final long id, final ConnectSpec spec, final Consumer<Inbound> sink)
    {
        this.id = id;
        this.sink = sink;
        this.clock = spec.clock();
        this.maxQueuedMessages = spec.maxQueuedMessages();
        this.assembler = new MessageAssembler(spec.maxMessageBytes());
        this.sender = new SerialSender(error -> sink.accept(Inbound.failed(id, error)));
        this.lastArrivalNs = clock.nanoTime();
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public void send(final String text)
    {
        sender.send(text);
    }

    @Override
    public void close(final int code, final String reason)
    {
        sender.close(code, reason);
    }

    @Override
    public void abort()
    {
        aborted = true;
        sender.abort();
        final WebSocket ws = socket;
        if (ws != null)
        {
            ws.abort();
        }
    }

    @Override
    public void consumed()
    {
        final WebSocket ws = socket;
        if (queued.decrementAndGet() < maxQueuedMessages && paused.compareAndSet(true, false) && ws != null)
        {
            ws.request(1);
        }
    }

    @Override
    public long lastActivityNs()
    {
        return queued.get() > 0 ? clock.nanoTime() : lastArrivalNs;
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        socket = webSocket;
        if (aborted)
        {
            webSocket.abort();
            return;
        }
        sink.accept(Inbound.opened(id));
        sender.attach(webSocket);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        lastArrivalNs = clock.nanoTime();
        try
        {
            deliver(webSocket, assembler.text(data, last), false);
        }
        catch (final MessageAssembler.MessageTooLargeException ex)
        {
            tooLarge(webSocket, ex);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        lastArrivalNs = clock.nanoTime();
        try
        {
            deliver(webSocket, assembler.binary(data, last), true);
        }
        catch (final MessageAssembler.MessageTooLargeException ex)
        {
            tooLarge(webSocket, ex);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        // The JDK answers with a pong by itself; the ping only tells the watchdog the server is alive.
        lastArrivalNs = clock.nanoTime();
        sink.accept(Inbound.ping(id));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
    {
        lastArrivalNs = clock.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        sender.discard();
        sink.accept(Inbound.closed(id, statusCode, reason));
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        sender.discard();
        sink.accept(Inbound.failed(id, error));
    }

    private void deliver(final WebSocket webSocket, final byte[] message, final boolean binary)
    {
        if (message == null)
        {
            webSocket.request(1);
            return;
        }
        // Count before posting, so that the client thread's consumed() can never run ahead of this count.
        final int waiting = queued.incrementAndGet();
        sink.accept(Inbound.message(id, message, binary, clock.epochMillis()));
        if (waiting < maxQueuedMessages)
        {
            webSocket.request(1);
            return;
        }
        paused.set(true);
        // The client thread may have caught up between the count and the flag: then nobody else would resume.
        if (queued.get() < maxQueuedMessages && paused.compareAndSet(true, false))
        {
            webSocket.request(1);
        }
    }

    private void tooLarge(final WebSocket webSocket, final Exception ex)
    {
        sender.discard();
        webSocket.abort();
        sink.accept(Inbound.failed(id, ex));
    }
}
