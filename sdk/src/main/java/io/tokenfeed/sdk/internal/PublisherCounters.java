package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.PublisherMetrics;

/** {@link PublisherMetrics}: written by the client thread, read by any. */
public final class PublisherCounters extends ConnectionCounters implements PublisherMetrics
{
    private volatile long updatesPublished;
    private volatile long updatesAcknowledged;
    private volatile long duplicates;
    private volatile long updatesRejected;
    private volatile long updatesResent;
    private volatile long messagesSent;
    private volatile long overloaded;

    void published(final int updates)
    {
        updatesPublished = updatesPublished + updates;
    }

    void acknowledged(final int updates, final int duplicateUpdates, final int rejectedUpdates)
    {
        updatesAcknowledged = updatesAcknowledged + updates;
        duplicates = duplicates + duplicateUpdates;
        updatesRejected = updatesRejected + rejectedUpdates;
    }

    void resent(final int updates)
    {
        updatesResent = updatesResent + updates;
    }

    void messageSent()
    {
        messagesSent = messagesSent + 1;
    }

    void overloadedAnswer()
    {
        overloaded = overloaded + 1;
    }

    @Override
    public long updatesPublished()
    {
        return updatesPublished;
    }

    @Override
    public long updatesAcknowledged()
    {
        return updatesAcknowledged;
    }

    @Override
    public long duplicates()
    {
        return duplicates;
    }

    @Override
    public long updatesRejected()
    {
        return updatesRejected;
    }

    @Override
    public long updatesResent()
    {
        return updatesResent;
    }

    @Override
    public long messagesSent()
    {
        return messagesSent;
    }

    @Override
    public long overloaded()
    {
        return overloaded;
    }
}
