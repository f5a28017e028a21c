package io.tokenfeed.engine;

import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.DecimalString;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.RejectedUpdate;
import io.tokenfeed.protocol.TokenAddress;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * One publisher message on its way through the pipeline: its valid updates (validated, canonicalised and interned
 * at the edge), the updates the edge rejected, and the count of duplicates that the apply stage finds. The ack is
 * built by the fan-out stage from the event that follows the updates in the same ring range, so it is sent only once
 * every update of the message is in the pipeline and its duplicates are known.
 *
 * <p>Threads: built by the edge; {@link #countDuplicate()} is called by stage 1 only; read by stage 3 after the ring
 * has ordered it behind stage 1.
 */
public final class IngestBatch
{
    /** How an HTTP ingest gets its ack; completed on the fan-out thread, must hand off at once. */
    @FunctionalInterface
    public interface Callback
    {
        void onAck(IngestAckMessage ack);
    }

    /** Connection id for a batch that came over HTTP, with a callback instead of a session. */
    public static final int NO_CONNECTION = -1;
    /** 2^53 - 1: larger versions lose precision in JavaScript clients, and leave no room to assign the next one. */
    public static final long MAX_VERSION = 9_007_199_254_740_991L;
    private static final int MAX_ECHO = 64;

    private final int connectionId;
    private final long requestSequence;
    private final Callback callback;
    private final List<TokenData> updates;
    private final int[] tokenIds;
    private final List<RejectedUpdate> rejected;
    private int duplicates;

    private IngestBatch(
        final int connectionId,
        final long requestSequence,
        final Callback callback,
        final List<TokenData> updates,
        final int[] tokenIds,
        final List<RejectedUpdate> rejected)
    {
        this.connectionId = connectionId;
        this.requestSequence = requestSequence;
        this.callback = callback;
        this.updates = updates;
        this.tokenIds = tokenIds;
        this.rejected = rejected;
    }

    /**
     * Validates each decoded update on the edge thread: address (canonical form replaces what was sent), decimal
     * strings, and room in the token registry. Invalid updates become rejected entries; the others are kept, in order.
     *
     * @param decoded        updates as decoded, {@code indexes[i]} being the position of {@code decoded.get(i)} in the message.
     * @param decodeRejected entries the decoder already rejected (shape errors).
     */
    public static IngestBatch prepare(
        final int connectionId,
        final long requestSequence,
        final Callback callback,
        final List<TokenData> decoded,
        final int[] indexes,
        final List<RejectedUpdate> decodeRejected,
        final TokenRegistry registry)
    {
        final List<TokenData> valid = new ArrayList<>(decoded.size());
        final int[] ids = new int[decoded.size()];
        final List<RejectedUpdate> rejected = new ArrayList<>(decodeRejected.size());
        for (final RejectedUpdate r : decodeRejected)
        {
            rejected.add(new RejectedUpdate(r.index(), echo(r.address()), r.code(), r.message()));
        }
        for (int i = 0; i < decoded.size(); i++)
        {
            final TokenData data = decoded.get(i);
            final String address = TokenAddress.canonicalize(data.address());
            final String badField = address == null ? null : invalidDecimal(data);
            if (address == null)
            {
                rejected.add(new RejectedUpdate(indexes[i], echo(data.address()), ErrorCode.INVALID_TOKEN_ADDRESS,
                    "not an EVM (0x + 40 hex) or Solana (base58, 32-44 chars) address"));
            }
            else if (data.version() > MAX_VERSION)
            {
                rejected.add(new RejectedUpdate(indexes[i], echo(data.address()), ErrorCode.INVALID_MESSAGE,
                    "version must be at most " + MAX_VERSION + " (exact in every JSON reader)"));
            }
            else if (badField != null)
            {
                rejected.add(new RejectedUpdate(indexes[i], echo(data.address()), ErrorCode.INVALID_DECIMAL,
                    badField + " is not a decimal string (digits, optional fraction, at most 64 characters)"));
            }
            else
            {
                final int id = registry.intern(address);
                if (id == TokenRegistry.FULL)
                {
                    rejected.add(new RejectedUpdate(indexes[i], echo(data.address()), ErrorCode.OVERLOADED,
                        "the server tracks as many tokens as it can (engine.max-tokens)"));
                    continue;
                }
                ids[valid.size()] = id;
                valid.add(address.equals(data.address()) ? data : withAddress(data, address));
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new IngestBatch(connectionId, requestSequence, callback, valid, java.util.Arrays.copyOf(ids, valid.size()), rejected);
    }

    public int connectionId()
    {
        return connectionId;
    }

    public long requestSequence()
    {
        return requestSequence;
    }

    public Callback callback()
    {
        return callback;
    }

    public List<TokenData> updates()
    {
        return updates;
    }

    public int[] tokenIds()
    {
        return tokenIds;
    }

    public List<RejectedUpdate> rejected()
    {
        return rejected;
    }

    /** Updates of this batch that were not newer than their token's version (final once the batch is done). */
    public int duplicates()
    {
        return duplicates;
    }

    /** Stage 1: an update of this batch was not newer than its token's current version. */
    public void countDuplicate()
    {
        duplicates++;
    }

    /** The ack, once stage 1 has seen every update of the batch. */
    public IngestAckMessage ack(final long sequence, final long timestampMs)
    {
        return new IngestAckMessage(sequence, timestampMs, requestSequence, updates.size() - duplicates, duplicates, rejected);
    }

    /** Caps what is echoed of a rejected address, so an ack stays far below the message limit whatever was sent. */
    static String echo(final String address)
    {
        return address == null || address.length() <= MAX_ECHO ? address : address.substring(0, MAX_ECHO) + "...";
    }

    private static String invalidDecimal(final TokenData data)
    {
        final Volume volume = data.volume();
        if (!DecimalString.isValid(data.price()))
        {
            return "price";
        }
        if (!DecimalString.isValid(data.marketCap()))
        {
            return "marketCap";
        }
        if (!DecimalString.isValid(volume.h24()))
        {
            return "volume.h24";
        }
        if (!DecimalString.isValid(volume.h1()))
        {
            return "volume.h1";
        }
        return DecimalString.isValid(volume.m5()) ? null : "volume.m5";
    }

    private static TokenData withAddress(final TokenData data, final String address)
    {
        return new TokenData(address, data.price(), data.marketCap(), data.volume(), data.updatedAt(), data.version(), false, false);
    }
}
