package io.tokenfeed.sdk.internal;

import java.util.ArrayList;
import java.util.List;

/** A connection that records what the client sends and does. */
final class FakeLink implements Link
{
    final List<String> sent = new ArrayList<>();
    final long id;
    boolean aborted;
    int closedWith;
    int consumed;
    long lastActivityNs;

    FakeLink(final long id)
    {
        this.id = id;
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public void send(final String text)
    {
        sent.add(text);
    }

    @Override
    public void close(final int code, final String reason)
    {
        closedWith = code;
    }

    @Override
    public void abort()
    {
        aborted = true;
    }

    @Override
    public void consumed()
    {
        consumed++;
    }

    @Override
    public long lastActivityNs()
    {
        return lastActivityNs;
    }

    String last()
    {
        return sent.isEmpty() ? null : sent.get(sent.size() - 1);
    }
}
