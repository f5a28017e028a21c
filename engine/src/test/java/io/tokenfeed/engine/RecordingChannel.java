package io.tokenfeed.engine;

import io.tokenfeed.protocol.CloseCode;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;

/** A {@link ClientChannel} that records what the engine sends, decoded, for assertions. Thread-safe. */
public class RecordingChannel implements ClientChannel
{
    private final String connectionId;
    private final List<String> raw = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final JsonCodec codec = new JsonCodec(10_000, 1000, DecodeMode.FROM_SERVER);
    private CloseCode closedWith;

    public RecordingChannel(final String connectionId)
    {
        this.connectionId = connectionId;
    }

    @Override
    public synchronized boolean sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        raw.add(new String(bytes, StandardCharsets.UTF_8));
        final DecodeResult result = codec.decode(bytes, length);
        if (!result.isSuccess())
        {
            throw new AssertionError("engine sent undecodable JSON (" + result.errorMessage() + "): " + raw.get(raw.size() - 1));
        }
        messages.add(result.message());
        return closedWith == null;
    }

    /** Tests of everything but heartbeats: the peer always looks alive. */
    private volatile long lastReceivedMs = Long.MAX_VALUE;
    private int pings;

    private volatile long unsentBytes;
    private volatile long writtenMessages;

    @Override
    public long unsentBytes()
    {
        return unsentBytes;
    }

    /** Simulates a socket that has not accepted this many bytes yet. */
    public void unsentBytes(final long unsentBytes)
    {
        this.unsentBytes = unsentBytes;
    }

    @Override
    public long unsentMessages()
    {
        return unsentBytes > 0 ? 1 : 0;
    }

    @Override
    public long writtenMessages()
    {
        return writtenMessages;
    }

    /** Simulates the socket accepting a message. */
    public void written()
    {
        writtenMessages++;
    }

    @Override
    public boolean resumable()
    {
        return true;
    }

    @Override
    public synchronized void sendPing()
    {
        pings++;
    }

    public synchronized int pings()
    {
        return pings;
    }

    @Override
    public long lastReceivedMs()
    {
        return lastReceivedMs;
    }

    public void lastReceivedMs(final long lastReceivedMs)
    {
        this.lastReceivedMs = lastReceivedMs;
    }

    @Override
    public synchronized void close(final CloseCode code, final String reason)
    {
        closedWith = code;
    }

    @Override
    public String connectionId()
    {
        return connectionId;
    }

    @Override
    public String remoteAddress()
    {
        return "test";
    }

    public synchronized List<Message> messages()
    {
        return new ArrayList<>(messages);
    }

    public synchronized List<String> raw()
    {
        return new ArrayList<>(raw);
    }

    public synchronized CloseCode closedWith()
    {
        return closedWith;
    }

    public synchronized int size()
    {
        return messages.size();
    }

    public synchronized void clear()
    {
        messages.clear();
        raw.clear();
    }
}
