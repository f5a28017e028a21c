package io.tokenfeed.engine;

import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.RejectedToken;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.TokenAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A subscription request resolved at the edge (IO thread): addresses validated, canonicalised, de-duplicated and
 * looked up (never interned: a client must not take ids in the shared registry), invalid ones already rejected. The
 * fan-out stage only applies it.
 *
 * @param addresses canonical addresses in request order, parallel to {@code tokenIds}.
 * @param requested the same tokens exactly as the client sent them, for {@code rejected} entries.
 * @param tokenIds  ids of tokens the registry knows; {@link TokenRegistry#UNKNOWN} for tokens no source has named yet.
 */
public record SubscriptionCommand(
    SubscriptionAction action, List<String> addresses, List<String> requested, int[] tokenIds, List<RejectedToken> rejected)
{
    /** Resolves a decoded request; runs on the thread that decoded it. */
    public static SubscriptionCommand resolve(final SubscriptionRequest request, final TokenRegistry registry)
    {
        final List<String> raw = request.tokens();
        final List<String> addresses = new ArrayList<>(raw.size());
        final List<String> requested = new ArrayList<>(raw.size());
        final int[] ids = new int[raw.size()];
        final List<RejectedToken> rejected = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final String token : raw)
        {
            final String canonical = TokenAddress.canonicalize(token);
            if (canonical == null)
            {
                rejected.add(new RejectedToken(IngestBatch.echo(token), ErrorCode.INVALID_TOKEN_ADDRESS,
                    "not an EVM (0x + 40 hex) or Solana (base58, 32-44 chars) address"));
                continue;
            }
            if (!seen.add(canonical))
            {
                continue;
            }
            ids[addresses.size()] = registry.lookup(canonical);
            addresses.add(canonical);
            requested.add(token);
        }
        return new SubscriptionCommand(request.action(), List.copyOf(addresses), List.copyOf(requested),
            Arrays.copyOf(ids, addresses.size()), List.copyOf(rejected));
    }
}
