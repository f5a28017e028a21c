package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.encode.TokenDataEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The latest encoded {@code data} of every token, as last seen by the fan-out stage, plus the order in which tokens
 * were last updated. Single writer and reader: the fan-out thread. Snapshots, pending deliveries and HTTP queries all
 * read from here, so what a client is sent is always what the stage has applied, never a torn or newer state.
 *
 * <p>Bytes live off-heap in pages of {@link #TOKENS_PER_PAGE} fixed slots of
 * {@link TokenDataEncoder#MAX_ENCODED_LENGTH}, allocated when the first token of a page appears.
 */
final class TokenStateStore
{
    static final int TOKENS_PER_PAGE = 1024;
    private static final int SLOT = TokenDataEncoder.MAX_ENCODED_LENGTH;
    private static final int NONE = -1;

    private final UnsafeBuffer[] pages;
    private final int[] lengths;
    private final long[] enqueuedNs;
    private final int[] newer;
    private final int[] older;
    private int newest = NONE;
    private int known;

    TokenStateStore(final int maxTokens)
    {
        this.pages = new UnsafeBuffer[(maxTokens + TOKENS_PER_PAGE - 1) / TOKENS_PER_PAGE];
        this.lengths = new int[maxTokens];
        this.enqueuedNs = new long[maxTokens];
        this.newer = new int[maxTokens];
        this.older = new int[maxTokens];
        Arrays.fill(newer, NONE);
        Arrays.fill(older, NONE);
    }

    /** Stores the latest encoded data of a token and makes it the most recently updated. */
    void put(final int tokenId, final DirectBuffer src, final int offset, final int length, final long enqueuedNs)
    {
        page(tokenId).putBytes(slotOffset(tokenId), src, offset, length);
        if (lengths[tokenId] == 0)
        {
            known++;
        }
        else
        {
            unlink(tokenId);
        }
        lengths[tokenId] = length;
        this.enqueuedNs[tokenId] = enqueuedNs;
        linkNewest(tokenId);
    }

    boolean isKnown(final int tokenId)
    {
        return lengths[tokenId] != 0;
    }

    int length(final int tokenId)
    {
        return lengths[tokenId];
    }

    long enqueuedNs(final int tokenId)
    {
        return enqueuedNs[tokenId];
    }

    /** Copies the token's encoded data (without its closing brace) to {@code dst}; returns the bytes written. */
    int copyTo(final int tokenId, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int length = lengths[tokenId];
        dst.putBytes(dstOffset, pages[tokenId / TOKENS_PER_PAGE], slotOffset(tokenId), length);
        return length;
    }

    /** Number of tokens with known state. */
    int known()
    {
        return known;
    }

    /** The most recently updated token, or -1. */
    int newest()
    {
        return newest;
    }

    /** The token updated just before {@code tokenId}, or -1. */
    int olderThan(final int tokenId)
    {
        return older[tokenId];
    }

    private void unlink(final int tokenId)
    {
        final int n = newer[tokenId];
        final int o = older[tokenId];
        if (n != NONE)
        {
            older[n] = o;
        }
        else
        {
            newest = o;
        }
        if (o != NONE)
        {
            newer[o] = n;
        }
        newer[tokenId] = NONE;
        older[tokenId] = NONE;
    }

    private void linkNewest(final int tokenId)
    {
        older[tokenId] = newest;
        newer[tokenId] = NONE;
        if (newest != NONE)
        {
            newer[newest] = tokenId;
        }
        newest = tokenId;
    }

    private UnsafeBuffer page(final int tokenId)
    {
        final int index = tokenId / TOKENS_PER_PAGE;
        UnsafeBuffer page = pages[index];
        if (page == null)
        {
            page = new UnsafeBuffer(ByteBuffer.allocateDirect(TOKENS_PER_PAGE * SLOT));
            pages[index] = page;
        }
        return page;
    }

    private static int slotOffset(final int tokenId)
    {
        return (tokenId % TOKENS_PER_PAGE) * SLOT;
    }
}
