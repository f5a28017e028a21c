package io.tokenfeed.sdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins the fragments the JDK hands to a WebSocket listener into one message's bytes, within a size limit. The
 * buffers are reused from message to message, so a message costs one array: the copy handed to the client thread.
 * Used by one listener, whose callbacks the JDK never runs concurrently.
 */
final class MessageAssembler
{
    private static final int INITIAL_BYTES = 4096;

    private final int maxMessageBytes;
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    // Never larger than the limit, so that filling it up is what trips the limit.
    private ByteBuffer bytes;
    private boolean textStarted;
    private boolean carried;
    private char carry;
    private boolean binaryStarted;

    MessageAssembler(final int maxMessageBytes)
    {
        this.maxMessageBytes = maxMessageBytes;
        this.bytes = ByteBuffer.allocate(Math.min(INITIAL_BYTES, maxMessageBytes));
    }

    /**
     * @param fragment the next part of a text message
     * @param last true on the message's last part
     * @return the whole message in UTF-8 once {@code last}, else null
     * @throws MessageTooLargeException when the message grows past the limit
     */
    byte[] text(final CharSequence fragment, final boolean last) throws MessageTooLargeException
    {
        if (!textStarted)
        {
            textStarted = true;
            carried = false;
            bytes.clear();
            utf8.reset();
        }
        CharBuffer chars = fragment instanceof CharBuffer ? (CharBuffer)fragment : CharBuffer.wrap(fragment);
        if (carried)
        {
            // The high surrogate that ended the previous fragment goes in front of this one (rare: one small copy).
            final CharBuffer joined = CharBuffer.allocate(1 + chars.remaining());
            joined.put(carry).put(chars).flip();
            chars = joined;
            carried = false;
        }
        encode(chars, last);
        if (!last)
        {
            // The encoder leaves a surrogate pair split across fragments unconsumed: keep its first half.
            if (chars.hasRemaining())
            {
                carry = chars.get();
                carried = true;
            }
            return null;
        }
        encodeFlush();
        textStarted = false;
        return copy();
    }

    /**
     * @param fragment the next part of a binary message
     * @param last true on the message's last part
     * @return the whole message once {@code last}, else null
     * @throws MessageTooLargeException when the message grows past the limit
     */
    byte[] binary(final ByteBuffer fragment, final boolean last) throws MessageTooLargeException
    {
        if (!binaryStarted)
        {
            binaryStarted = true;
            bytes.clear();
        }
        ensureRoom(fragment.remaining());
        bytes.put(fragment);
        if (!last)
        {
            return null;
        }
        binaryStarted = false;
        return copy();
    }

    private void encode(final CharBuffer chars, final boolean endOfInput) throws MessageTooLargeException
    {
        while (true)
        {
            final CoderResult result = utf8.encode(chars, bytes, endOfInput);
            if (result.isOverflow())
            {
                grow(chars.remaining());
                continue;
            }
            if (result.isError())
            {
                throw new IllegalStateException("unexpected encoder result " + result);
            }
            return;
        }
    }

    private void encodeFlush() throws MessageTooLargeException
    {
        while (utf8.flush(bytes).isOverflow())
        {
            grow(1);
        }
    }

    /** Binary: the fragment's size is exactly what it needs. */
    private void ensureRoom(final int more) throws MessageTooLargeException
    {
        final long needed = (long)bytes.position() + more;
        if (needed > maxMessageBytes)
        {
            tooLarge();
        }
        if (needed > bytes.capacity())
        {
            resize((int)Math.max(needed, Math.min(maxMessageBytes, (long)bytes.capacity() * 2)));
        }
    }

    /**
     * Text: the encoder ran out of room for the next character. How many bytes the rest needs is not known without
     * encoding it (1 to 3 per char), so the buffer grows (by at least the chars left: each takes at least a byte) until
     * it is as large as the limit; only an overflow at the limit proves the message too large. A guess of the room
     * needed would refuse messages that end just below the limit.
     */
    private void grow(final int charsLeft) throws MessageTooLargeException
    {
        if (bytes.capacity() >= maxMessageBytes)
        {
            tooLarge();
        }
        final long atLeast = Math.max((long)bytes.position() + charsLeft, (long)bytes.capacity() * 2);
        resize((int)Math.min(maxMessageBytes, atLeast));
    }

    private void resize(final int capacity)
    {
        final ByteBuffer bigger = ByteBuffer.allocate(capacity);
        bytes.flip();
        bigger.put(bytes);
        bytes = bigger;
    }

    private void tooLarge() throws MessageTooLargeException
    {
        textStarted = false;
        binaryStarted = false;
        bytes.clear();
        throw new MessageTooLargeException("a server message exceeds " + maxMessageBytes + " bytes");
    }

    private byte[] copy()
    {
        return Arrays.copyOf(bytes.array(), bytes.position());
    }

    /** A message over the limit: the connection is dropped, since the rest of the message cannot be skipped safely. */
    static final class MessageTooLargeException extends IOException
    {
        private static final long serialVersionUID = 1L;

        MessageTooLargeException(final String message)
        {
            super(message);
        }
    }
}
