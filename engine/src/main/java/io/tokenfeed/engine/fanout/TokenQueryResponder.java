package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.TokenQuery;
import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableArrayBuffer;

/**
 * Answers HTTP reads of token state from the fan-out stage's own store: one token as its {@code token_update.data}
 * object, or the most recently updated tokens as {@code {"count":N,"tokens":[...]}}.
 */
final class TokenQueryResponder
{
    private static final byte[] LIST_HEAD = "{\"count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOKENS = ",\"tokens\":[".getBytes(StandardCharsets.US_ASCII);

    private final TokenStateStore store;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);

    TokenQueryResponder(final TokenStateStore store)
    {
        this.store = store;
    }

    void answer(final TokenQuery query)
    {
        query.callback().onResult(query.tokenId() == TokenQuery.ALL ? list(query.limit()) : one(query.tokenId()));
    }

    private byte[] one(final int tokenId)
    {
        if (tokenId < 0 || !store.isKnown(tokenId))
        {
            return null;
        }
        int at = store.copyTo(tokenId, buffer, 0);
        buffer.putByte(at++, (byte)'}');
        return copy(at);
    }

    private byte[] list(final int limit)
    {
        final int count = Math.min(limit, store.known());
        int at = 0;
        buffer.putBytes(at, LIST_HEAD);
        at += LIST_HEAD.length;
        at += buffer.putNaturalIntAscii(at, count);
        buffer.putBytes(at, TOKENS);
        at += TOKENS.length;
        int tokenId = store.newest();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                buffer.putByte(at++, (byte)',');
            }
            at += store.copyTo(tokenId, buffer, at);
            buffer.putByte(at++, (byte)'}');
            tokenId = store.olderThan(tokenId);
        }
        buffer.putByte(at++, (byte)']');
        buffer.putByte(at++, (byte)'}');
        return copy(at);
    }

    private byte[] copy(final int length)
    {
        final byte[] json = new byte[length];
        buffer.getBytes(0, json);
        return json;
    }
}
