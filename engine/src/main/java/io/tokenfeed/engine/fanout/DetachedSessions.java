package io.tokenfeed.engine.fanout;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Sessions whose socket dropped, kept for {@code connection.resume-window-ms} so a {@code resume} can take them over.
 * Insertion order is detach order, which is expiry order (the window is the same for all), so expiring is a walk from
 * the oldest. Bounded: beyond {@code maxSessions} the oldest is freed early. Fan-out thread only.
 */
final class DetachedSessions
{
    private final LinkedHashMap<String, Session> byKey = new LinkedHashMap<>();
    private final long windowMs;
    private final int maxSessions;
    private long expired;
    private long evicted;

    DetachedSessions(final long windowMs, final int maxSessions)
    {
        this.windowMs = windowMs;
        this.maxSessions = maxSessions;
    }

    /** @return false when sessions are not kept at all (no window, or no room): the caller frees it. */
    boolean add(final Session session, final long nowMs, final Consumer<Session> free)
    {
        if (windowMs == 0 || maxSessions == 0)
        {
            return false;
        }
        session.detach(nowMs);
        byKey.put(session.key(), session);
        if (byKey.size() > maxSessions)
        {
            final Iterator<Session> oldest = byKey.values().iterator();
            free.accept(oldest.next());
            oldest.remove();
            evicted++;
        }
        return true;
    }

    /** Removes and returns the detached session with that id, or null. */
    Session take(final String key)
    {
        return byKey.remove(key);
    }

    /** Frees every session whose window has ended. */
    void expire(final long nowMs, final Consumer<Session> free)
    {
        final Iterator<Session> it = byKey.values().iterator();
        while (it.hasNext())
        {
            final Session session = it.next();
            if (nowMs - session.detachedAtMs() < windowMs)
            {
                return;
            }
            free.accept(session);
            it.remove();
            expired++;
        }
    }

    int size()
    {
        return byKey.size();
    }

    Iterable<Session> all()
    {
        return byKey.values();
    }

    /** Sessions freed because their window ended without a resume. */
    long expired()
    {
        return expired;
    }

    /** Sessions freed early because {@code maxSessions} were already kept. */
    long evicted()
    {
        return evicted;
    }
}
