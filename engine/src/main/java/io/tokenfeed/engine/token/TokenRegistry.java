package io.tokenfeed.engine.token;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns canonical token addresses to dense int ids at the edge, so everything behind the ring works on ints.
 *
 * <p>Thread-safe: any edge thread may intern. An id is published together with its address (the map's
 * happens-before, or the ring's sequence for ids carried by events), so readers of {@link #address(int)} never see a
 * missing entry. Bounded by {@code capacity}: a full registry refuses new addresses rather than grow without limit
 * on input that clients control.
 */
public final class TokenRegistry
{
    /** Returned by {@link #intern} when the registry is full. */
    public static final int FULL = -1;
    /** Returned by {@link #lookup} for an address never interned. */
    public static final int UNKNOWN = -2;

    private final ConcurrentHashMap<String, Integer> idsByAddress = new ConcurrentHashMap<>();
    private final String[] addresses;
    private final byte[][] addressBytes;
    private final AtomicInteger nextId = new AtomicInteger();

    public TokenRegistry(final int capacity)
    {
        this.addresses = new String[capacity];
        this.addressBytes = new byte[capacity][];
    }

    /**
     * Interns an address a source publishes data for. Only sources intern: subscribers' interest in unknown tokens is
     * kept by the fan-out stage, so clients can never fill the registry.
     *
     * @param canonicalAddress an address already canonicalised by {@link io.tokenfeed.protocol.TokenAddress}.
     * @return the token id, or {@link #FULL}.
     */
    public int intern(final String canonicalAddress)
    {
        final Integer known = idsByAddress.get(canonicalAddress);
        if (known != null)
        {
            return known;
        }
        final Integer id = idsByAddress.computeIfAbsent(canonicalAddress, this::assign);
        return id == null ? FULL : id;
    }

    /** @return the id of an already interned address, or {@link #UNKNOWN}. */
    public int lookup(final String canonicalAddress)
    {
        final Integer known = idsByAddress.get(canonicalAddress);
        return known == null ? UNKNOWN : known;
    }

    public String address(final int tokenId)
    {
        return addresses[tokenId];
    }

    /** ASCII bytes of the canonical address; shared, never modify. */
    public byte[] addressBytes(final int tokenId)
    {
        return addressBytes[tokenId];
    }

    public int size()
    {
        return Math.min(nextId.get(), addresses.length);
    }

    public int capacity()
    {
        return addresses.length;
    }

    private Integer assign(final String address)
    {
        // Two bins may assign at once: the counter hands out distinct ids; the first check keeps it from creeping
        // far past capacity once the registry is full.
        if (nextId.get() >= addresses.length)
        {
            return null;
        }
        final int id = nextId.getAndIncrement();
        if (id >= addresses.length)
        {
            return null;
        }
        addressBytes[id] = address.getBytes(StandardCharsets.US_ASCII);
        addresses[id] = address;
        return id;
    }
}
