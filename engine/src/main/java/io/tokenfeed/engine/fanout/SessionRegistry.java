package io.tokenfeed.engine.fanout;

import java.util.HashMap;
import java.util.Map;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Sessions attached to an open connection, by connection id (how the transport names them) and, for resumable ones,
 * by the id their client knows ({@code connectionId}, for a resume). Single writer: the fan-out thread.
 */
final class SessionRegistry
{
    private final Int2ObjectHashMap<Session> sessions = new Int2ObjectHashMap<>();
    private final Map<String, Session> byKey = new HashMap<>();

    void add(final Session session)
    {
        sessions.put(session.connectionId(), session);
        if (session.resumable())
        {
            byKey.put(session.key(), session);
        }
    }

    /** The attached session the client knows by {@code key}, or null. */
    Session byKey(final String key)
    {
        return byKey.get(key);
    }

    Session get(final int connectionId)
    {
        return sessions.get(connectionId);
    }

    Session remove(final int connectionId)
    {
        final Session session = sessions.remove(connectionId);
        if (session != null)
        {
            byKey.remove(session.key());
        }
        return session;
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
