package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.sdk.ConnectionState;
import java.util.ArrayList;
import java.util.List;

/** A session that only records what the connection manager tells it. */
final class RecordingSession implements SessionHandler
{
    final List<ConnectionMessage> greetings = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<long[]> gaps = new ArrayList<>();
    int disconnects;
    ConnectionState terminated;
    boolean keepAfterGap = true;
    /** When set, the timer throws it: a bug in the session. */
    RuntimeException failOnTimer;

    @Override
    public void onConnected(final ConnectionMessage greeting, final Link link, final long nowNs)
    {
        greetings.add(greeting);
    }

    @Override
    public void onMessage(final Message message, final long receivedAtMs, final long nowNs)
    {
        messages.add(message);
    }

    @Override
    public boolean onGap(final String connectionId, final long expected, final long received, final long nowNs)
    {
        gaps.add(new long[] {expected, received});
        return keepAfterGap;
    }

    @Override
    public void onDisconnected(final long nowNs)
    {
        disconnects++;
    }

    @Override
    public long onTimer(final long nowNs)
    {
        if (failOnTimer != null)
        {
            throw failOnTimer;
        }
        return Long.MAX_VALUE;
    }

    @Override
    public void onTerminated(final ConnectionState state, final String reason)
    {
        terminated = state;
    }
}
