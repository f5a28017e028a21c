package io.tokenfeed.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads token data objects and batches: the publisher's ingest path, so it is the busiest decoder.
 * Field names in errors are relative to the object read; callers prefix them.
 */
final class TokenDataDecoder {
    private final JsonInput in;
    private final int maxBatchUpdates;

    TokenDataDecoder(JsonInput in, int maxBatchUpdates) {
        this.in = in;
        this.maxBatchUpdates = maxBatchUpdates;
    }

    /** On '{' of a token data object. */
    TokenData tokenData() throws IOException, DecodeException {
        String address = null;
        String price = null;
        String marketCap = null;
        Volume volume = null;
        long updatedAt = -1;
        long version = -1;
        boolean snapshot = false;
        boolean replayed = false;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "address" -> address = in.string(key);
                case "price" -> price = in.string(key);
                case "marketCap" -> marketCap = in.string(key);
                case "volume" -> volume = volume();
                case "updatedAt" -> updatedAt = in.nonNegativeLong(key);
                case "version" -> version = in.nonNegativeLong(key);
                case "snapshot" -> snapshot = in.bool(key);
                case "replayed" -> replayed = in.bool(key);
                default -> in.skipValue();
            }
        }
        return new TokenData(required(address, "address"), required(price, "price"),
                required(marketCap, "marketCap"), required(volume, "volume"), updatedAt, version, snapshot, replayed);
    }

    private Volume volume() throws IOException, DecodeException {
        in.requireObject("volume");
        String h24 = null;
        String h1 = null;
        String m5 = null;
        try {
            for (String key = in.firstKey(); key != null; key = in.nextKey()) {
                switch (key) {
                    case "h24" -> h24 = in.string(key);
                    case "h1" -> h1 = in.string(key);
                    case "m5" -> m5 = in.string(key);
                    default -> in.skipValue();
                }
            }
            return new Volume(required(h24, "h24"), required(h1, "h1"), required(m5, "m5"));
        } catch (DecodeException e) {
            throw e.prefixed("volume.");
        }
    }

    /** On '{' of {@code token_batch.data}: its updates, checked against {@code count} when present. */
    List<TokenData> batch() throws IOException, DecodeException {
        int count = -1;
        List<TokenData> updates = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "count" -> count = in.nonNegativeInt(key);
                case "updates" -> updates = updates();
                default -> in.skipValue();
            }
        }
        if (updates == null) {
            throw DecodeException.field("updates is required");
        }
        if (updates.isEmpty()) {
            throw DecodeException.field("updates must not be empty");
        }
        if (count >= 0 && count != updates.size()) {
            throw DecodeException.field("count is " + count + " but updates has " + updates.size() + " entries");
        }
        return updates;
    }

    private List<TokenData> updates() throws IOException, DecodeException {
        if (in.last() != '[') {
            throw DecodeException.field("updates must be an array of objects");
        }
        List<TokenData> updates = new ArrayList<>();
        if (in.firstElement()) {
            do {
                if (updates.size() == maxBatchUpdates) {
                    throw DecodeException.field(ErrorCode.BATCH_TOO_LARGE,
                            "updates has more than " + maxBatchUpdates + " entries");
                }
                if (in.last() != '{') {
                    throw DecodeException.field("updates must be an array of objects");
                }
                try {
                    updates.add(tokenData());
                } catch (DecodeException e) {
                    throw e.prefixed("updates[" + updates.size() + "].");
                }
            } while (in.nextElement());
        }
        return updates;
    }

    static <T> T required(T value, String field) throws DecodeException {
        if (value == null) {
            throw DecodeException.field(field + " is required");
        }
        return value;
    }
}
