package io.tokenfeed.sdk.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The last version delivered per token, to drop any state that is not newer (protocol.md 8: a reader that has seen
 * version v drops later-arriving states with version at most v). One entry per token the application follows: a token
 * is forgotten when it is unsubscribed, so that a later subscription delivers its snapshot again, and every token when a
 * connection restores nothing (the server may have restarted and numbers its versions afresh).
 */
final class VersionTable
{
    private final Map<String, long[]> versions = new HashMap<>();

    /**
     * @param address canonical token address
     * @param version the state's version, -1 when it has none
     * @return true when the state is newer than the last delivered one (and is now the last delivered)
     */
    boolean advance(final String address, final long version)
    {
        if (version < 0)
        {
            return true;
        }
        final long[] last = versions.get(address);
        if (last == null)
        {
            versions.put(address, new long[] {version});
            return true;
        }
        if (version <= last[0])
        {
            return false;
        }
        last[0] = version;
        return true;
    }

    void forget(final String address)
    {
        versions.remove(address);
    }

    void clear()
    {
        versions.clear();
    }
}
