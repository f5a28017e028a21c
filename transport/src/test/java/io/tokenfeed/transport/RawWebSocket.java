package io.tokenfeed.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client written on a plain socket, for peers that misbehave on purpose: it does the upgrade, then only
 * reads frames and answers nothing (no pong, no close) unless told to.
 */
public final class RawWebSocket implements AutoCloseable
{
    public record Frame(int opcode, byte[] payload)
    {
        int closeCode()
        {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;

    public RawWebSocket(final int port, final String path) throws IOException
    {
        this(port, path, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer (0: the system's), small to make a stalled reader fill up fast */
    public RawWebSocket(final int port, final String path, final int receiveBufferBytes) throws IOException
    {
        socket = new Socket();
        if (receiveBufferBytes > 0)
        {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int)WsTestClient.TIMEOUT.toMillis());
        final String key = Base64.getEncoder().encodeToString("tokenfeed-raw-key".getBytes(StandardCharsets.US_ASCII));
        final OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        final StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n"))
        {
            headers.append((char)in.readUnsignedByte());
        }
        if (!headers.toString().startsWith("HTTP/1.1 101"))
        {
            throw new IOException("upgrade refused: " + headers);
        }
    }

    /** Sends one masked text frame (clients must mask), payloads up to 65535 bytes. */
    void sendText(final String text) throws IOException
    {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a masked close frame with code 1000. */
    void sendClose() throws IOException
    {
        sendFrame(0x8, new byte[] {0x03, (byte)0xE8});
    }

    /** Resets the connection (RST, no close handshake): the abrupt end of a crashed client or a dropped network. */
    void abort() throws IOException
    {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private void sendFrame(final int opcode, final byte[] payload) throws IOException
    {
        if (payload.length > 0xFFFF)
        {
            throw new IllegalArgumentException("frames up to 65535 bytes only");
        }
        final byte[] mask = {0x11, 0x22, 0x33, 0x44};
        final int lengthBytes = payload.length > 125 ? 2 : 0;
        final byte[] frame = new byte[6 + lengthBytes + payload.length];
        frame[0] = (byte)(0x80 | opcode);
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.length);
        }
        else
        {
            frame[1] = (byte)(0x80 | 126);
            frame[2] = (byte)(payload.length >>> 8);
            frame[3] = (byte)payload.length;
        }
        final int maskAt = 2 + lengthBytes;
        System.arraycopy(mask, 0, frame, maskAt, 4);
        for (int i = 0; i < payload.length; i++)
        {
            frame[maskAt + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    /** The next frame from the server (server frames are never masked). */
    public Frame next() throws IOException
    {
        final int first = in.readUnsignedByte();
        final int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126)
        {
            length = in.readUnsignedShort();
        }
        else if (length == 127)
        {
            length = in.readLong();
        }
        final byte[] payload = new byte[(int)length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
