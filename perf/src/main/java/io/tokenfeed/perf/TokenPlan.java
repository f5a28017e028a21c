package io.tokenfeed.perf;

import java.util.HashMap;
import java.util.Map;

/**
 * Who follows what and when each update is due. Update {@code k} (0-based, in publication order) is token
 * {@code k mod T} at version {@code k / T + 1}, due at {@code start + k / rate}; a batch leaves when its first update
 * is due. From a delivery's token and version the harness knows its intended send time exactly, with no timestamp in
 * the payload. Connection {@code c} follows
 * tokens {@code (c * K + j) mod T}, so subscribers spread uniformly.
 */
public final class TokenPlan
{
    private final String[] addresses;
    private final Map<String, Integer> indexByAddress = new HashMap<>();
    private final int[] subscribers;
    private final int subscriptions;
    private final long periodNs;
    private final long tokenBase;

    /** @param tokenBase the first token's number in its address: runs against one server use disjoint ranges */
    public TokenPlan(final HarnessOptions options, final long tokenBase)
    {
        this.tokenBase = tokenBase;
        addresses = new String[options.tokens()];
        subscribers = new int[options.tokens()];
        for (int t = 0; t < addresses.length; t++)
        {
            // Not the simulator's addresses (those are random): the harness publishes only its own tokens.
            addresses[t] = String.format("0x%040x", tokenBase + t);
            indexByAddress.put(addresses[t], t);
        }
        subscriptions = options.subscriptions();
        for (int c = 0; c < options.connections(); c++)
        {
            for (int j = 0; j < subscriptions; j++)
            {
                subscribers[token(c, j)]++;
            }
        }
        periodNs = 1_000_000_000L / options.rate();
    }

    /** The number in the address of token 0; token {@code t}'s address holds {@code tokenBase + t}. */
    public long tokenBase()
    {
        return tokenBase;
    }

    public int tokenCount()
    {
        return addresses.length;
    }

    public String address(final int token)
    {
        return addresses[token];
    }

    /** -1 for an address the harness did not publish. */
    public int index(final String address)
    {
        final Integer index = indexByAddress.get(address);
        return index == null ? -1 : index;
    }

    /** The {@code j}-th token that connection {@code c} follows. */
    public int token(final int connection, final int j)
    {
        return (int)(((long)connection * subscriptions + j) % addresses.length);
    }

    public int subscribers(final int token)
    {
        return subscribers[token];
    }

    /** The update number of a token's version. */
    public long update(final int token, final long version)
    {
        return (version - 1) * addresses.length + token;
    }

    public int tokenOf(final long update)
    {
        return (int)(update % addresses.length);
    }

    public long versionOf(final long update)
    {
        return update / addresses.length + 1;
    }

    /** When update {@code k} is due, relative to the schedule's start. */
    public long dueNs(final long update)
    {
        return update * periodNs;
    }
}
