package io.tokenfeed.perf.client;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/** Client-to-server WebSocket frames (always masked, RFC 6455 section 5.3). */
public final class ClientFrames
{
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private ClientFrames()
    {
    }

    /** A masked frame holding {@code payload[0, length)}. */
    public static ByteBuffer frame(final int opcode, final byte[] payload, final int length)
    {
        final int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        final ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
        frame.put((byte)(0x80 | opcode));
        if (lengthBytes == 0)
        {
            frame.put((byte)(0x80 | length));
        }
        else if (lengthBytes == 2)
        {
            frame.put((byte)(0x80 | 126)).putShort((short)length);
        }
        else
        {
            frame.put((byte)(0x80 | 127)).putLong(length);
        }
        final int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        for (int i = 0; i < length; i++)
        {
            frame.put((byte)(payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        return frame.flip();
    }
}
