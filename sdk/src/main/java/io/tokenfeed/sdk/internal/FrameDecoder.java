package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.DecodeResult;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.JsonCodec;
import java.io.IOException;

/**
 * Turns a server message's bytes into a protocol message on the client thread, with the client's one codec (reused for
 * every message; the protocol module's decoder allocates only the message it builds). Binary messages are inflated
 * first.
 */
public final class FrameDecoder
{
    /** Server batches hold at most 1000 entries today; a little room for servers configured otherwise. */
    private static final int MAX_BATCH_UPDATES = 100_000;

    private final JsonCodec codec;
    private final ZstdInflater inflater;

    /**
     * @param codec the client thread's codec, created with {@link DecodeMode#FROM_SERVER} (see {@link #newCodec()})
     * @param inflater inflates binary messages
     */
    public FrameDecoder(final JsonCodec codec, final ZstdInflater inflater)
    {
        this.codec = codec;
        this.inflater = inflater;
    }

    /**
     * @return a codec that reads server messages and writes client messages
     */
    public static JsonCodec newCodec()
    {
        return new JsonCodec(JsonCodec.DEFAULT_MAX_TOKENS_PER_REQUEST, MAX_BATCH_UPDATES, DecodeMode.FROM_SERVER);
    }

    /**
     * @param payload the message's bytes
     * @param binary true for a binary (compressed) message
     * @return the message, or why it could not be read ({@code requestSequence} is then the envelope's sequence when it
     *     could be recovered, so that the reader can keep counting)
     */
    public DecodeResult decode(final byte[] payload, final boolean binary)
    {
        byte[] json = payload;
        if (binary)
        {
            try
            {
                json = inflater.inflate(payload);
            }
            catch (final IOException ex)
            {
                return DecodeResult.failure(ErrorCode.INVALID_MESSAGE, ex.getMessage(), -1);
            }
        }
        return codec.decode(json, json.length);
    }
}
