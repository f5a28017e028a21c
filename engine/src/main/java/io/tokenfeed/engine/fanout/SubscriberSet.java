package io.tokenfeed.engine.fanout;

import java.util.Arrays;

/** The sessions subscribed to one token: a compact array, unordered, swap-remove. Fan-out thread only. */
final class SubscriberSet
{
    private Session[] sessions = new Session[4];
    private int size;

    void add(final Session session)
    {
        if (size == sessions.length)
        {
            sessions = Arrays.copyOf(sessions, size * 2);
        }
        sessions[size++] = session;
    }

    void remove(final Session session)
    {
        for (int i = 0; i < size; i++)
        {
            if (sessions[i] == session)
            {
                sessions[i] = sessions[--size];
                sessions[size] = null;
                return;
            }
        }
    }

    int size()
    {
        return size;
    }

    Session get(final int index)
    {
        return sessions[index];
    }
}
