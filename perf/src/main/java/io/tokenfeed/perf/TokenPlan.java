package io.tokenfeed.perf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who follows what and when each update is due. Update {@code k} (0-based, in publication order) is token
 * {@code k mod T} at version {@code k / T + 1}, due at {@code start + k / rate}; a batch leaves when its first update
 * is due. From a delivery's token and version the harness knows its intended send time exactly, with no timestamp in
 * the payload. Which tokens a connection follows depends on the distribution: {@code uniform} gives connection
 * {@code c} tokens {@code (c * K + j) mod T}, so every token has the same number of subscribers; {@code zipf} draws
 * each connection's K distinct tokens with probability proportional to {@code 1 / rank^s} from a fixed seed, so runs
 * are reproducible and a few tokens are followed by nearly every connection.
 */
public final class TokenPlan
{
    private static final long ZIPF_SEED = 0x7ea_f00dL;

    private final String[] addresses;
    private final Map<String, Integer> indexByAddress = new HashMap<>();
    private final int[] subscribers;
    /** Connection c's tokens, ascending, at {@code [c * K, (c + 1) * K)}. */
    private final int[] followed;
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
        followed = "zipf".equals(options.distribution())
            ? zipf(options.connections(), subscriptions, addresses.length, options.zipfExponent())
            : uniform(options.connections(), subscriptions, addresses.length);
        for (final int token : followed)
        {
            subscribers[token]++;
        }
        periodNs = 1_000_000_000L / options.rate();
    }

    private static int[] uniform(final int connections, final int k, final int tokens)
    {
        final int[] followed = new int[connections * k];
        for (int c = 0; c < connections; c++)
        {
            for (int j = 0; j < k; j++)
            {
                followed[c * k + j] = (int)(((long)c * k + j) % tokens);
            }
            Arrays.sort(followed, c * k, (c + 1) * k);
        }
        return followed;
    }

    private static int[] zipf(final int connections, final int k, final int tokens, final double exponent)
    {
        final double[] cumulative = new double[tokens];
        double sum = 0;
        for (int rank = 0; rank < tokens; rank++)
        {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        final SplittableRandom random = new SplittableRandom(ZIPF_SEED);
        final int[] followed = new int[connections * k];
        final boolean[] taken = new boolean[tokens];
        for (int c = 0; c < connections; c++)
        {
            int picked = 0;
            while (picked < k)
            {
                int token = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                token = Math.min(tokens - 1, token < 0 ? -token - 1 : token);
                if (!taken[token])
                {
                    taken[token] = true;
                    followed[c * k + picked++] = token;
                }
            }
            Arrays.sort(followed, c * k, (c + 1) * k);
            for (int j = 0; j < k; j++)
            {
                taken[followed[c * k + j]] = false;
            }
        }
        return followed;
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

    /** The {@code j}-th token (ascending) that connection {@code c} follows. */
    public int token(final int connection, final int j)
    {
        return followed[connection * subscriptions + j];
    }

    /** Where {@code (connection, token)} is kept in per-subscription arrays, or -1 when the connection does not follow it. */
    public int slot(final int connection, final int token)
    {
        final int from = connection * subscriptions;
        final int found = Arrays.binarySearch(followed, from, from + subscriptions, token);
        return found < 0 ? -1 : found;
    }

    public int subscribers(final int token)
    {
        return subscribers[token];
    }

    /** The most subscribers any one token has (uniform: about {@code N * K / T}; Zipf: nearly N). */
    public int maxSubscribers()
    {
        return Arrays.stream(subscribers).max().orElse(0);
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
