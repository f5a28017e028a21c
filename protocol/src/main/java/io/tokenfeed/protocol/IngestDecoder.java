package io.tokenfeed.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads publisher ingest input entry by entry, so that one bad entry never refuses its batch (protocol.md §1, §3
 * {@code ingest_ack}, §4).
 *
 * <p>Two steps. First, one pass over the whole input with the syntax-checking skipper settles every message-level
 * question (JSON syntax, envelope, type, batch limit, {@code count}) and records each entry's byte range, decoding no
 * entry. Then each entry is copied into a reused scratch buffer and decoded there, on its own, by the strict
 * {@link TokenDataDecoder}: a failure rejects that entry only. The second reader is needed because dsl-json's reader
 * cannot be moved back to an earlier position of its input.
 *
 * <p>Message-level errors name fields as {@link JsonCodec#decode(byte[], int)} does ({@code data.updates ...}); entry
 * errors name fields relative to {@code data}, the scope of an {@code ingest_ack} index: {@code updates[3].price is
 * required} in a batch, {@code price is required} in a {@code token_update}. Not thread-safe.
 */
final class IngestDecoder {
    private static final int TYPE = 1;
    private static final int SEQUENCE = 2;
    private static final int TIMESTAMP = 4;
    private static final int DATA = 8;
    private static final int INITIAL_SCRATCH_BYTES = 512;
    /** A larger scratch buffer, grown for a huge entry, is dropped after the call rather than kept for good. */
    private static final int MAX_KEPT_SCRATCH_BYTES = 64 * 1024;
    private static final int INITIAL_ENTRIES = 16;

    private final JsonInput in;
    private final JsonInput entryIn;
    private final TokenDataDecoder entryDecoder;
    private final int maxBatchUpdates;
    private int[] starts = new int[INITIAL_ENTRIES];
    private int[] ends = new int[INITIAL_ENTRIES];
    private int count;
    private byte[] scratch = new byte[INITIAL_SCRATCH_BYTES];
    private long sequence;

    /**
     * @param in reader of the whole input, shared with the codec
     * @param entryIn a reader of its own, for the entries
     * @param maxBatchUpdates most entries accepted in {@code updates}
     */
    IngestDecoder(JsonInput in, JsonInput entryIn, int maxBatchUpdates) {
        this.in = in;
        this.entryIn = entryIn;
        this.entryDecoder = new TokenDataDecoder(entryIn, maxBatchUpdates);
        this.maxBatchUpdates = maxBatchUpdates;
    }

    /** The envelope {@code sequence} read by the last call, {@code -1} when it was not (yet) read. */
    long sequence() {
        return sequence;
    }

    /** A WebSocket ingest message: an envelope of type {@code token_update} or {@code token_batch}. */
    IngestDecodeResult message(byte[] bytes, int length) throws IOException, DecodeException {
        sequence = -1;
        count = 0;
        in.openMessage(bytes, length);
        int seen = 0;
        String typeName = null;
        MessageType type = null;
        boolean scanned = false;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "type" -> {
                    seen = JsonCodec.once(seen, TYPE, key);
                    typeName = in.string(key);
                    type = MessageType.fromWireName(typeName);
                }
                case "sequence" -> {
                    seen = JsonCodec.once(seen, SEQUENCE, key);
                    sequence = in.nonNegativeLong(key);
                }
                case "timestamp" -> {
                    seen = JsonCodec.once(seen, TIMESTAMP, key);
                    in.nonNegativeLong(key);
                }
                case "data" -> {
                    seen = JsonCodec.once(seen, DATA, key);
                    in.requireObject(key);
                    scanned = isIngest(type);
                    if (scanned) {
                        scanData(type);
                    } else {
                        in.skipValue();
                    }
                }
                default -> in.skipValue();
            }
        }
        in.requireEnd();
        if (typeName == null) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "type is required");
        }
        if (type == null) {
            throw DecodeException.message(ErrorCode.UNKNOWN_MESSAGE_TYPE,
                    "unknown message type \"" + JsonCodec.echo(typeName) + '"');
        }
        if (!isIngest(type)) {
            throw DecodeException.message(ErrorCode.UNKNOWN_MESSAGE_TYPE,
                    "message type '" + type.wireName() + "' is not accepted on the ingest endpoint");
        }
        if ((seen & DATA) == 0) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "data is required");
        }
        if (!scanned) {
            scanDataAgain(bytes, length, type);
        }
        return entries(bytes, type == MessageType.TOKEN_BATCH, sequence);
    }

    /** The body of {@code POST /api/v1/ingest}: a bare {@code token_batch.data} object. */
    IngestDecodeResult body(byte[] bytes, int length) throws IOException, DecodeException {
        sequence = -1;
        count = 0;
        in.openBody(bytes, length);
        scanBatch();
        in.requireEnd();
        return entries(bytes, true, -1);
    }

    /** Drops the references to the caller's buffer, and a scratch buffer grown for a huge entry. */
    void release() {
        in.release();
        entryIn.release();
        if (scratch.length > MAX_KEPT_SCRATCH_BYTES) {
            scratch = new byte[INITIAL_SCRATCH_BYTES];
        }
    }

    private static boolean isIngest(MessageType type) {
        return type == MessageType.TOKEN_UPDATE || type == MessageType.TOKEN_BATCH;
    }

    /** Type came after data: read the envelope again up to data. */
    private void scanDataAgain(byte[] bytes, int length, MessageType type) throws IOException, DecodeException {
        in.reset(bytes, length);
        in.next();
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            if ("data".equals(key)) {
                scanData(type);
                return;
            }
            in.skipValue();
        }
        throw new IllegalStateException("data vanished between passes");
    }

    /** On '{' of {@code data}. */
    private void scanData(MessageType type) throws IOException, DecodeException {
        try {
            if (type == MessageType.TOKEN_BATCH) {
                scanBatch();
            } else {
                scanEntry();
            }
        } catch (DecodeException e) {
            throw e.prefixed("data.");
        }
    }

    /** On '{' of {@code token_batch.data}: the range of each entry, checked against the limit and {@code count}. */
    private void scanBatch() throws IOException, DecodeException {
        int declared = -1;
        boolean hasUpdates = false;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "count" -> declared = in.nonNegativeInt(key);
                case "updates" -> {
                    scanUpdates();
                    hasUpdates = true;
                }
                default -> in.skipValue();
            }
        }
        if (!hasUpdates) {
            throw DecodeException.field("updates is required");
        }
        if (count == 0) {
            throw DecodeException.field("updates must not be empty");
        }
        if (declared >= 0 && declared != count) {
            throw DecodeException.field("count is " + declared + " but updates has " + count + " entries");
        }
    }

    /** Stops at the first entry over the limit, so an oversized batch is never read to its end. */
    private void scanUpdates() throws IOException, DecodeException {
        if (in.last() != '[') {
            throw DecodeException.field("updates must be an array");
        }
        count = 0;
        if (in.firstElement()) {
            do {
                if (count == maxBatchUpdates) {
                    throw DecodeException.field(ErrorCode.BATCH_TOO_LARGE,
                            "updates has more than " + maxBatchUpdates + " entries");
                }
                scanEntry();
            } while (in.nextElement());
        }
    }

    /** On the first byte of an entry: checks its syntax and records its range. */
    private void scanEntry() throws IOException, DecodeException {
        int start = in.position() - 1;
        in.skipValue();
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = in.position();
        count++;
    }

    private IngestDecodeResult entries(byte[] bytes, boolean batch, long requestSequence) {
        List<TokenData> updates = new ArrayList<>(count);
        int[] indexes = new int[count];
        List<RejectedUpdate> rejected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (bytes[starts[i]] != '{') {
                rejected.add(new RejectedUpdate(i, null, ErrorCode.INVALID_MESSAGE, path(batch, i) + " must be an object"));
                continue;
            }
            int length = copy(bytes, starts[i], ends[i]);
            try {
                entryIn.reset(scratch, length);
                entryIn.next();
                indexes[updates.size()] = i;
                updates.add(entryDecoder.tokenData());
            } catch (DecodeException e) {
                String message = e.isFieldPath()
                        ? e.prefixed(batch ? path(true, i) + '.' : "").getMessage()
                        : path(batch, i) + " is not valid JSON";
                rejected.add(new RejectedUpdate(i, address(length), e.code(), message));
            } catch (IOException | RuntimeException e) {
                // The skipper accepted the entry's syntax; dsl-json's own reads are stricter on a few strings.
                rejected.add(new RejectedUpdate(i, address(length), ErrorCode.INVALID_MESSAGE,
                        path(batch, i) + " is not valid JSON"));
            }
        }
        int[] updateIndexes = updates.size() == count ? indexes : Arrays.copyOf(indexes, updates.size());
        return IngestDecodeResult.success(requestSequence, updates, updateIndexes, rejected);
    }

    private static String path(boolean batch, int index) {
        return batch ? "updates[" + index + ']' : "data";
    }

    private int copy(byte[] bytes, int start, int end) {
        int length = end - start;
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        System.arraycopy(bytes, start, scratch, 0, length);
        return length;
    }

    /** Best effort, for a rejected entry in the scratch buffer: its top-level {@code address} when it is a string. */
    private String address(int length) {
        String address = null;
        try {
            entryIn.reset(scratch, length);
            entryIn.next();
            for (String key = entryIn.firstKey(); key != null; key = entryIn.nextKey()) {
                if ("address".equals(key) && entryIn.last() == '"') {
                    address = entryIn.string(key);
                } else {
                    entryIn.skipValue();
                }
            }
        } catch (DecodeException | IOException | RuntimeException e) {
            return address;
        }
        return address;
    }
}
