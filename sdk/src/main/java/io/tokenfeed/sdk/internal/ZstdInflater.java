package io.tokenfeed.sdk.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Inflates a binary message (one zstd frame holding one JSON message, with {@code compression=zstd}) without ever
 * holding more than {@code maxInflatedBytes}: a frame that declares a larger size is refused before any work, and one
 * that does not declare its size is streamed and cut off at the limit. A hostile or broken frame therefore costs at most
 * the limit in memory (a zip bomb stops there).
 */
public final class ZstdInflater
{
    private static final long CONTENT_SIZE_UNKNOWN = -1;
    private static final int STREAM_CHUNK = 16 * 1024;

    private final int maxInflatedBytes;

    /**
     * @param maxInflatedBytes largest message accepted once inflated
     */
    public ZstdInflater(final int maxInflatedBytes)
    {
        this.maxInflatedBytes = maxInflatedBytes;
    }

    /**
     * @param compressed one zstd frame
     * @return the inflated bytes
     * @throws IOException when the frame is not zstd, is corrupt, or inflates past the limit
     */
    public byte[] inflate(final byte[] compressed) throws IOException
    {
        final long declared;
        try
        {
            declared = Zstd.getFrameContentSize(compressed, 0, compressed.length);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            throw new IOException("zstd is not usable here: " + ex, ex);
        }
        if (declared == CONTENT_SIZE_UNKNOWN)
        {
            return stream(compressed);
        }
        if (declared < 0)
        {
            throw new IOException("not a zstd frame");
        }
        if (declared > maxInflatedBytes)
        {
            throw new IOException("a compressed message inflates to " + declared + " bytes, over the limit of " + maxInflatedBytes);
        }
        final byte[] inflated = new byte[(int)declared];
        final long size = Zstd.decompressByteArray(inflated, 0, inflated.length, compressed, 0, compressed.length);
        if (Zstd.isError(size))
        {
            throw new IOException("corrupt zstd frame: " + Zstd.getErrorName(size));
        }
        return size == inflated.length ? inflated : Arrays.copyOf(inflated, (int)size);
    }

    private byte[] stream(final byte[] compressed) throws IOException
    {
        byte[] out = new byte[Math.min(maxInflatedBytes, Math.max(STREAM_CHUNK, compressed.length * 4))];
        int length = 0;
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed)))
        {
            while (true)
            {
                if (length == out.length)
                {
                    if (length == maxInflatedBytes)
                    {
                        if (in.read() < 0)
                        {
                            return out;
                        }
                        throw new IOException("a compressed message inflates past the limit of " + maxInflatedBytes + " bytes");
                    }
                    out = Arrays.copyOf(out, (int)Math.min(maxInflatedBytes, 2L * out.length));
                }
                final int read = in.read(out, length, out.length - length);
                if (read < 0)
                {
                    return Arrays.copyOf(out, length);
                }
                length += read;
            }
        }
    }
}
