package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Sends one at a time, the close after them, and the socket let go after the linger whatever the sends do. */
class SerialSenderTest
{
    private final List<Runnable> afterLinger = new ArrayList<>();
    private final Executor linger = afterLinger::add;
    private final SerialSender sender = new SerialSender(error -> { }, linger);

    @Test
    void shouldLetTheSocketGoAfterTheLingerWhenASendNeverCompletes()
    {
        final StuckSocket socket = new StuckSocket();
        sender.attach(socket);
        sender.send("{\"type\":\"ack\"}");

        sender.close(1000, "client closing");

        assertThat(socket.closeSent).as("the close frame waits behind the stuck send").isFalse();
        assertThat(afterLinger).hasSize(1);
        afterLinger.get(0).run();
        assertThat(socket.aborted).isTrue();
    }

    @Test
    void shouldSendTheCloseAfterWhatIsQueuedAndStillLetTheSocketGoAfterTheLinger()
    {
        final StuckSocket socket = new StuckSocket();
        socket.completeSends = true;
        sender.attach(socket);
        sender.send("one");

        sender.close(1000, "client closing");

        assertThat(socket.texts).containsExactly("one");
        assertThat(socket.closeSent).isTrue();
        assertThat(socket.aborted).isFalse();
        afterLinger.forEach(Runnable::run);
        assertThat(socket.aborted).as("a server that never answers the close cannot hold the socket").isTrue();
    }

    @Test
    void shouldDropASocketThatOpensOnlyAfterTheLingerHasPassed()
    {
        sender.close(1000, "client closing");
        afterLinger.forEach(Runnable::run);

        final StuckSocket late = new StuckSocket();
        sender.attach(late);

        assertThat(late.aborted).isTrue();
        assertThat(late.closeSent).isFalse();
    }

    /** A socket whose sends complete only when told to (a peer that stopped reading never completes them). */
    private static final class StuckSocket implements WebSocket
    {
        final List<String> texts = new ArrayList<>();
        boolean completeSends;
        boolean closeSent;
        boolean aborted;

        @Override
        public CompletableFuture<WebSocket> sendText(final CharSequence data, final boolean last)
        {
            texts.add(data.toString());
            return completeSends ? CompletableFuture.completedFuture(this) : new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(final ByteBuffer data, final boolean last)
        {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(final ByteBuffer message)
        {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(final ByteBuffer message)
        {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(final int statusCode, final String reason)
        {
            closeSent = true;
            return new CompletableFuture<>();
        }

        @Override
        public void request(final long n)
        {
        }

        @Override
        public String getSubprotocol()
        {
            return "";
        }

        @Override
        public boolean isOutputClosed()
        {
            return closeSent;
        }

        @Override
        public boolean isInputClosed()
        {
            return false;
        }

        @Override
        public void abort()
        {
            aborted = true;
        }
    }
}
