package io.tokenfeed.engine.encode;

import io.tokenfeed.engine.ring.PipelineEvent;
import java.nio.charset.StandardCharsets;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a token's {@code data} object once, as the bytes every subscriber's message will share.
 *
 * <p>Layout: the JSON object of {@code token_update.data} <em>without its closing brace</em>, so that the fan-out stage
 * can close it with {@code }} or with {@code ,"snapshot":true}} (and later {@code ,"replayed":true}) by appending,
 * never by re-encoding:
 * <pre>
 * {"address":"…","price":"…","marketCap":"…","volume":{"h24":"…","h1":"…","m5":"…"},"updatedAt":N,"version":N
 * </pre>
 * Longest possible: 44-char address, five 64-char decimals, two 19-digit numbers: 501 bytes.
 */
public final class TokenDataEncoder
{
    public static final int MAX_ENCODED_LENGTH = 512;

    private static final byte[] ADDRESS = ascii("{\"address\":\"");
    private static final byte[] PRICE = ascii("\",\"price\":\"");
    private static final byte[] MARKET_CAP = ascii("\",\"marketCap\":\"");
    private static final byte[] VOLUME_H24 = ascii("\",\"volume\":{\"h24\":\"");
    private static final byte[] VOLUME_H1 = ascii("\",\"h1\":\"");
    private static final byte[] VOLUME_M5 = ascii("\",\"m5\":\"");
    private static final byte[] UPDATED_AT = ascii("\"},\"updatedAt\":");
    private static final byte[] VERSION = ascii(",\"version\":");

    private TokenDataEncoder()
    {
    }

    /** @return the number of bytes written at offset 0 of {@code dst}. */
    public static int encode(final PipelineEvent event, final byte[] address, final MutableDirectBuffer dst)
    {
        int at = put(dst, 0, ADDRESS);
        at = put(dst, at, address);
        at = put(dst, at, PRICE);
        at = field(dst, at, event, PipelineEvent.PRICE);
        at = put(dst, at, MARKET_CAP);
        at = field(dst, at, event, PipelineEvent.MARKET_CAP);
        at = put(dst, at, VOLUME_H24);
        at = field(dst, at, event, PipelineEvent.VOLUME_H24);
        at = put(dst, at, VOLUME_H1);
        at = field(dst, at, event, PipelineEvent.VOLUME_H1);
        at = put(dst, at, VOLUME_M5);
        at = field(dst, at, event, PipelineEvent.VOLUME_M5);
        at = put(dst, at, UPDATED_AT);
        at += dst.putNaturalLongAscii(at, event.updatedAtMs());
        at = put(dst, at, VERSION);
        at += dst.putNaturalLongAscii(at, event.version());
        return at;
    }

    private static int field(final MutableDirectBuffer dst, final int at, final PipelineEvent event, final int field)
    {
        final int length = event.fieldLength(field);
        dst.putBytes(at, event.fields(), field * PipelineEvent.FIELD_CAPACITY, length);
        return at + length;
    }

    private static int put(final MutableDirectBuffer dst, final int at, final byte[] bytes)
    {
        dst.putBytes(at, bytes);
        return at + bytes.length;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
