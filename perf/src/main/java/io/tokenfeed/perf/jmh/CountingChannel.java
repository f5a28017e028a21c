package io.tokenfeed.perf.jmh;

import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.protocol.CloseCode;
import org.agrona.DirectBuffer;

/** A connection that only counts what it is sent: the engine without sockets. Called by the fan-out thread only. */
final class CountingChannel implements ClientChannel
{
    private final String id;
    private long messages;
    private long bytes;

    CountingChannel(final String id)
    {
        this.id = id;
    }

    @Override
    public boolean sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        bytes += length;
        return true;
    }

    @Override
    public long unsentBytes()
    {
        return 0;
    }

    @Override
    public long unsentMessages()
    {
        return 0;
    }

    @Override
    public long writtenMessages()
    {
        return messages;
    }

    @Override
    public boolean resumable()
    {
        return true;
    }

    @Override
    public void sendPing()
    {
    }

    @Override
    public long lastReceivedMs()
    {
        return Long.MAX_VALUE;
    }

    @Override
    public void close(final CloseCode code, final String reason)
    {
    }

    @Override
    public String connectionId()
    {
        return id;
    }

    @Override
    public String remoteAddress()
    {
        return "jmh";
    }

    long bytes()
    {
        return bytes;
    }
}
