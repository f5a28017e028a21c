package io.tokenfeed.engine.fanout;

import org.agrona.collections.Int2ObjectHashMap;

/** Open sessions by connection id. Single writer: the fan-out thread. */
final class SessionRegistry
{
    private final Int2ObjectHashMap<Session> sessions = new Int2ObjectHashMap<>();

    void add(final Session session)
    {
        sessions.put(session.connectionId(), session);
    }

    Session get(final int connectionId)
    {
        return sessions.get(connectionId);
    }

    Session remove(final int connectionId)
    {
        return sessions.remove(connectionId);
    }

    int size()
    {
        return sessions.size();
    }

    /** Iterates without allocating (Agrona caches the iterator); fan-out thread only. */
    Iterable<Session> all()
    {
        return sessions.values();
    }
}
