package io.tokenfeed.sdk;

import io.tokenfeed.protocol.TokenAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link TokenFeedSubscriber}. Only {@link #uri} is required; see {@link ClientBuilder} for the connection
 * settings.
 */
public final class SubscriberBuilder extends ClientBuilder<SubscriberBuilder>
{
    final List<UpdateListener> updateListeners = new ArrayList<>();
    final List<GapListener> gapListeners = new ArrayList<>();
    final Set<String> initialTokens = new LinkedHashSet<>();
    int ackEveryMessages = 100;
    Duration ackInterval = Duration.ofSeconds(1);

    SubscriberBuilder()
    {
    }

    /**
     * @param listener given every token state, in sequence order; may be called several times to add several
     * @return this builder
     */
    public SubscriberBuilder onUpdate(final UpdateListener listener)
    {
        updateListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * @param listener told of every sequence gap (a resync follows by itself); may be called several times
     * @return this builder
     */
    public SubscriberBuilder onGap(final GapListener listener)
    {
        gapListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * @param addresses tokens to follow from the first connection on (EVM or Solana; EVM in any case)
     * @return this builder
     * @throws IllegalArgumentException when an address is invalid
     */
    public SubscriberBuilder subscribe(final String... addresses)
    {
        initialTokens.addAll(canonical(Arrays.asList(addresses)));
        return this;
    }

    /**
     * Acknowledges processed messages (so the server can free its resume buffer) after {@code messages} of them or
     * {@code interval} after the previous ack, whichever comes first, and never more than ten times a second (acks count
     * against the server's per-connection message rate). Defaults: 100 messages, 1 s.
     *
     * @param messages messages per ack
     * @param interval longest time between acks while messages arrive
     * @return this builder
     */
    public SubscriberBuilder ackEvery(final int messages, final Duration interval)
    {
        this.ackEveryMessages = positive(messages, "ack messages");
        this.ackInterval = positive(interval, "ack interval");
        return this;
    }

    /**
     * Builds the subscriber and starts connecting at once, on its own thread.
     *
     * @return the running subscriber
     */
    public TokenFeedSubscriber build()
    {
        return new TokenFeedSubscriber(this);
    }

    @Override
    SubscriberBuilder self()
    {
        return this;
    }

    /**
     * @return the addresses in canonical form (EVM lower case)
     * @throws IllegalArgumentException naming every invalid address
     */
    static List<String> canonical(final Collection<String> addresses)
    {
        final List<String> canonical = new ArrayList<>(addresses.size());
        final List<String> invalid = new ArrayList<>();
        for (final String address : addresses)
        {
            final String token = TokenAddress.canonicalize(address);
            if (token == null)
            {
                invalid.add(address);
            }
            else
            {
                canonical.add(token);
            }
        }
        if (!invalid.isEmpty())
        {
            throw new IllegalArgumentException("not EVM (0x + 40 hex) or Solana (base58, 32-44 chars) addresses: " + invalid);
        }
        return canonical;
    }
}
