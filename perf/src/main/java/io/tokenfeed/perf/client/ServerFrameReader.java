package io.tokenfeed.perf.client;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits what a socket delivered into server-to-client WebSocket frames (unmasked), reassembling fragmented messages.
 * One per connection; not thread-safe.
 */
public final class ServerFrameReader
{
    /** One complete message or control frame; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface Handler
    {
        void onFrame(int opcode, byte[] bytes, int offset, int length);
    }

    private byte[] fragments = new byte[0];
    private int fragmentsLength;
    private int fragmentedOpcode;

    /**
     * Hands every complete frame in {@code in} (read mode) to the handler and leaves a partial one in place.
     *
     * @return the buffer to read into next: {@code in} compacted, or a larger copy when a frame does not fit it
     */
    public ByteBuffer read(final ByteBuffer in, final Handler handler)
    {
        final byte[] bytes = in.array();
        while (in.remaining() >= 2)
        {
            final int at = in.position();
            final int b0 = bytes[at] & 0xFF;
            long length = bytes[at + 1] & 0x7F;
            int header = 2;
            if (length == 126)
            {
                if (in.remaining() < 4)
                {
                    break;
                }
                length = in.getShort(at + 2) & 0xFFFF;
                header = 4;
            }
            else if (length == 127)
            {
                if (in.remaining() < 10)
                {
                    break;
                }
                length = in.getLong(at + 2);
                header = 10;
            }
            if (in.remaining() < header + length)
            {
                if (header + length > in.capacity())
                {
                    final ByteBuffer bigger = ByteBuffer.allocate((int)Math.max(2L * in.capacity(), header + length));
                    bigger.put(in);
                    return bigger;
                }
                break;
            }
            onFrame(b0, bytes, at + header, (int)length, handler);
            in.position(at + header + (int)length);
        }
        in.compact();
        return in;
    }

    private void onFrame(final int b0, final byte[] bytes, final int offset, final int length, final Handler handler)
    {
        final boolean fin = (b0 & 0x80) != 0;
        final int opcode = b0 & 0x0F;
        if (opcode >= ClientFrames.CLOSE || (fin && opcode != 0 && fragmentsLength == 0))
        {
            handler.onFrame(opcode, bytes, offset, length);
            return;
        }
        if (opcode != 0)
        {
            fragmentedOpcode = opcode;
        }
        if (fragmentsLength + length > fragments.length)
        {
            fragments = Arrays.copyOf(fragments, Math.max(2 * fragments.length, fragmentsLength + length));
        }
        System.arraycopy(bytes, offset, fragments, fragmentsLength, length);
        fragmentsLength += length;
        if (fin)
        {
            handler.onFrame(fragmentedOpcode, fragments, 0, fragmentsLength);
            fragmentsLength = 0;
        }
    }
}
