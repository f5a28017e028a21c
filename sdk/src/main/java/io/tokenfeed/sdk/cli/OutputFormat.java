package io.tokenfeed.sdk.cli;

import com.dslplatform.json.JsonWriter;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;

/** How token states are printed: an aligned table, or one JSON object per line (the {@code token_update.data} shape). */
enum OutputFormat
{
    table,
    json;

    private static final String ROW = "%-44s %18s %22s %22s %10s %s";

    /** @return the table's header line, or null for JSON lines */
    String header()
    {
        return this == table ? String.format(ROW, "ADDRESS", "PRICE", "MARKET CAP", "VOLUME 24H", "VERSION", "") : null;
    }

    /**
     * @param data a token state
     * @param codec encodes JSON (one per thread)
     * @param writer reused for every line (one per thread)
     * @return the line
     */
    String line(final TokenData data, final JsonCodec codec, final JsonWriter writer)
    {
        if (this == json)
        {
            writer.reset();
            codec.encodeTokenData(data, writer);
            return writer.toString();
        }
        return String.format(ROW, data.address(), data.price(), data.marketCap(), data.volume().h24(),
            data.version() < 0 ? "" : Long.toString(data.version()), data.snapshot() ? "snapshot" : "");
    }
}
