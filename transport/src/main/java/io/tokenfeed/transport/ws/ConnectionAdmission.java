package io.tokenfeed.transport.ws;

import io.tokenfeed.protocol.ErrorCode;
import io.undertow.websockets.core.WebSocketChannel;
import java.net.InetAddress;

/**
 * Admits an upgraded connection within the connection limits, or refuses it with {@code CONNECTION_LIMIT} and close
 * 1013. An admitted connection frees its slot in its close task, whatever way it ends.
 */
public final class ConnectionAdmission
{
    private final ConnectionLimiter limiter;
    private final int maxConnections;
    private final int maxPerAddress;

    private final ConnectionStates states;

    public ConnectionAdmission(final int maxConnections, final int maxPerAddress, final ConnectionStates states)
    {
        this.states = states;
        this.limiter = new ConnectionLimiter(maxConnections, maxPerAddress);
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** On the connection's IO thread. @return false when refused (the refusal is already under way). */
    boolean admit(final WebSocketChannel channel)
    {
        final InetAddress address = channel.getSourceAddress().getAddress();
        final ConnectionLimiter.Refusal refusal = limiter.tryAcquire(address);
        if (refusal == null)
        {
            channel.addCloseTask(closed -> limiter.release(address));
            return true;
        }
        final String message = refusal == ConnectionLimiter.Refusal.INSTANCE_FULL
            ? "this instance holds its maximum of " + maxConnections + " connections"
            : "this address holds its maximum of " + maxPerAddress + " connections";
        ConnectionRefusal.refuse(channel, ErrorCode.CONNECTION_LIMIT, message, "connection_limit");
        states.refused("connection_limit");
        return false;
    }

    public ConnectionLimiter limiter()
    {
        return limiter;
    }
}
