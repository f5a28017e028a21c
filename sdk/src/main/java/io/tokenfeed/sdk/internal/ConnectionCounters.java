package io.tokenfeed.sdk.internal;

/**
 * The counters every client keeps about its connection. Written by the client thread only (so a plain read-increment-write
 * of a volatile is exact), read from any thread.
 */
public class ConnectionCounters
{
    private volatile long messagesReceived;
    private volatile long duplicateMessages;
    private volatile long reconnects;
    private volatile long errors;

    void messageReceived()
    {
        messagesReceived = messagesReceived + 1;
    }

    void duplicate()
    {
        duplicateMessages = duplicateMessages + 1;
    }

    void reconnected()
    {
        reconnects = reconnects + 1;
    }

    void error()
    {
        errors = errors + 1;
    }

    /** @return server messages read, greetings included */
    public long messagesReceived()
    {
        return messagesReceived;
    }

    /** @return messages dropped because their sequence had been processed already */
    public long duplicateMessages()
    {
        return duplicateMessages;
    }

    /** @return connections re-established after a loss */
    public long reconnects()
    {
        return reconnects;
    }

    /** @return errors reported to the error listeners */
    public long errors()
    {
        return errors;
    }
}
