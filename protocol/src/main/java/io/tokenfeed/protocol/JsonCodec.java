package io.tokenfeed.protocol;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;

import java.io.IOException;

/**
 * Decodes and encodes protocol messages with dsl-json's low-level reader and writer: no reflection, no
 * annotation processing, no databind.
 *
 * <p>Decoding is strict on JSON types and structure and never throws: every problem becomes a
 * {@link DecodeResult} with {@link ErrorCode#INVALID_MESSAGE}, {@link ErrorCode#UNKNOWN_MESSAGE_TYPE} or
 * {@link ErrorCode#BATCH_TOO_LARGE} and a message naming the field. Unknown fields are skipped at any level, and
 * field order does not matter. Address and decimal validity are not checked here: callers validate per token
 * ({@link TokenAddress}) and per update ({@link DecimalString}) so that they can reject entries one by one.
 *
 * <p>The publisher ingest endpoints use {@link #decodeIngest(byte[], int)} and {@link #decodeIngestBody(byte[], int)}
 * instead, which decode each update on its own so that one bad update never refuses its batch.
 *
 * <p>Not thread-safe: it reuses one reader and one writer. Use one instance per thread, and keep it: construction
 * sets up dsl-json and costs about half a millisecond.
 */
public final class JsonCodec {
    /** Default limit on {@code subscription.data.tokens}. */
    public static final int DEFAULT_MAX_TOKENS_PER_REQUEST = 1000;
    /** Default limit on {@code token_batch.data.updates} ({@code delivery.max-batch-tokens}). */
    public static final int DEFAULT_MAX_BATCH_UPDATES = 1000;

    private static final int TYPE = 1;
    private static final int SEQUENCE = 2;
    private static final int TIMESTAMP = 4;
    private static final int DATA = 8;
    private static final int MAX_ECHOED_TYPE_LENGTH = 64;

    private final DslJson<Object> dslJson = new DslJson<>(new DslJson.Settings<>());
    private final JsonInput in = new JsonInput(dslJson.newReader());
    private final DataDecoder data;
    private final IngestDecoder ingest;
    private final MessageEncoder encoder = new MessageEncoder();
    private final JsonWriter writer = dslJson.newWriter(1024);
    private long requestSequence;

    /** A codec with default limits that decodes messages of either direction. */
    public JsonCodec() {
        this(DEFAULT_MAX_TOKENS_PER_REQUEST, DEFAULT_MAX_BATCH_UPDATES, DecodeMode.ANY);
    }

    /**
     * @param maxTokensPerRequest most entries accepted in {@code subscription.data.tokens}
     * @param maxBatchUpdates most entries accepted in {@code token_batch.data.updates}
     */
    public JsonCodec(int maxTokensPerRequest, int maxBatchUpdates) {
        this(maxTokensPerRequest, maxBatchUpdates, DecodeMode.ANY);
    }

    /**
     * @param maxTokensPerRequest most entries accepted in {@code subscription.data.tokens}
     * @param maxBatchUpdates most entries accepted in {@code token_batch.data.updates}
     * @param mode which side's messages are decoded (the server should use {@link DecodeMode#FROM_CLIENT})
     */
    public JsonCodec(int maxTokensPerRequest, int maxBatchUpdates, DecodeMode mode) {
        if (maxTokensPerRequest < 1 || maxBatchUpdates < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        this.data = new DataDecoder(in, maxTokensPerRequest, maxBatchUpdates, mode);
        this.ingest = new IngestDecoder(in, new JsonInput(dslJson.newReader()), maxBatchUpdates);
    }

    /**
     * @param bytes one complete message
     * @return the decoded message or the reason it was refused; never throws
     */
    public DecodeResult decode(byte[] bytes) {
        return decode(bytes, bytes == null ? 0 : bytes.length);
    }

    /**
     * @param bytes buffer holding one complete message from index 0
     * @param length number of bytes of the message
     * @return the decoded message or the reason it was refused; never throws, not even for a null buffer or a
     *     length outside it (reported as {@link ErrorCode#INVALID_MESSAGE})
     */
    public DecodeResult decode(byte[] bytes, int length) {
        if (bytes == null || length < 0 || length > bytes.length) {
            return DecodeResult.failure(ErrorCode.INVALID_MESSAGE, "no message bytes", -1);
        }
        requestSequence = -1;
        try {
            return DecodeResult.success(decodeMessage(bytes, length));
        } catch (DecodeException e) {
            return DecodeResult.failure(e.code(), e.getMessage(), recoverSequence(bytes, length));
        } catch (IOException | RuntimeException e) {
            // dsl-json reports bad syntax as IOException, and some truncated input as index errors.
            String message = "malformed JSON at byte " + in.position();
            return DecodeResult.failure(ErrorCode.INVALID_MESSAGE, message, recoverSequence(bytes, length));
        } finally {
            in.release();
        }
    }

    /**
     * Decodes a bare {@code token_batch.data} object, the body of {@code POST /api/v1/ingest}.
     *
     * @param bytes buffer holding the object from index 0
     * @param length number of bytes of the object
     * @return a {@link TokenBatchMessage} without sequence and timestamp, or the reason it was refused
     */
    public DecodeResult decodeTokenBatchData(byte[] bytes, int length) {
        if (bytes == null || length < 0 || length > bytes.length) {
            return DecodeResult.failure(ErrorCode.INVALID_MESSAGE, "no message bytes", -1);
        }
        try {
            in.openBody(bytes, length);
            TokenBatchMessage batch = new TokenBatchMessage(-1, -1, data.tokens().batch());
            in.requireEnd();
            return DecodeResult.success(batch);
        } catch (DecodeException e) {
            return DecodeResult.failure(e.code(), e.getMessage(), -1);
        } catch (IOException | RuntimeException e) {
            return DecodeResult.failure(ErrorCode.INVALID_MESSAGE, "malformed JSON at byte " + in.position(), -1);
        } finally {
            in.release();
        }
    }

    /**
     * Decodes a message of the publisher WebSocket endpoint ({@code /api/v1/ws/ingest}): a {@code token_update} or a
     * {@code token_batch}, each update on its own.
     *
     * <p>The envelope is as strict as in {@link #decode(byte[], int)}: malformed JSON, content after the object, a
     * missing or ill-typed {@code type}, {@code sequence} or {@code timestamp}, and {@code data} missing or not an
     * object refuse the whole message with {@link ErrorCode#INVALID_MESSAGE}; an unknown type, or one other than
     * {@code token_update} and {@code token_batch}, with {@link ErrorCode#UNKNOWN_MESSAGE_TYPE}. So do, in a batch,
     * {@code updates} missing, not an array or empty, and {@code count} not its length ({@code INVALID_MESSAGE}), and
     * more than {@code maxBatchUpdates} entries ({@link ErrorCode#BATCH_TOO_LARGE}, found without reading further).
     *
     * <p>Then each entry ({@code data} itself for a {@code token_update}, index 0) is decoded as strictly as by
     * {@code decode}: an entry that is not an object, lacks a required field or has an ill-typed one becomes a
     * {@link RejectedUpdate} with {@code INVALID_MESSAGE}, its index, its {@code address} when that is a string (else
     * null) and a message naming the field relative to {@code data} ({@code "updates[3].price is required"},
     * {@code "price is required"}); the others become {@link TokenData}. Addresses and decimal strings are not
     * validated here: the caller reports {@link ErrorCode#INVALID_TOKEN_ADDRESS} and {@link ErrorCode#INVALID_DECIMAL}.
     *
     * @param bytes buffer holding one complete message from index 0
     * @param length number of bytes of the message
     * @return the updates and rejected entries, or the reason the whole message was refused; never throws, not even
     *     for a null buffer or a length outside it (reported as {@link ErrorCode#INVALID_MESSAGE})
     */
    public IngestDecodeResult decodeIngest(byte[] bytes, int length) {
        if (bytes == null || length < 0 || length > bytes.length) {
            return IngestDecodeResult.failure(ErrorCode.INVALID_MESSAGE, "no message bytes", -1);
        }
        try {
            return ingest.message(bytes, length);
        } catch (DecodeException e) {
            return IngestDecodeResult.failure(e.code(), e.getMessage(), ingestSequence(bytes, length));
        } catch (IOException | RuntimeException e) {
            String message = "malformed JSON at byte " + in.position();
            return IngestDecodeResult.failure(ErrorCode.INVALID_MESSAGE, message, ingestSequence(bytes, length));
        } finally {
            ingest.release();
        }
    }

    /**
     * Decodes the body of {@code POST /api/v1/ingest}, a bare {@code token_batch.data} object
     * ({@code {"count":N,"updates":[...]}}, {@code count} optional), each update on its own, with the same rules as
     * {@link #decodeIngest(byte[], int)} minus the envelope. {@code requestSequence} of the result is always -1.
     *
     * @param bytes buffer holding the object from index 0
     * @param length number of bytes of the object
     * @return the updates and rejected entries, or the reason the whole body was refused; never throws
     */
    public IngestDecodeResult decodeIngestBody(byte[] bytes, int length) {
        if (bytes == null || length < 0 || length > bytes.length) {
            return IngestDecodeResult.failure(ErrorCode.INVALID_MESSAGE, "no message bytes", -1);
        }
        try {
            return ingest.body(bytes, length);
        } catch (DecodeException e) {
            return IngestDecodeResult.failure(e.code(), e.getMessage(), -1);
        } catch (IOException | RuntimeException e) {
            return IngestDecodeResult.failure(ErrorCode.INVALID_MESSAGE, "malformed JSON at byte " + in.position(), -1);
        } finally {
            ingest.release();
        }
    }

    /**
     * @param message message to encode
     * @return its JSON; the array is new, everything else is reused
     */
    public byte[] encode(Message message) {
        writer.reset();
        encoder.encode(message, writer);
        return writer.toByteArray();
    }

    /**
     * Appends the JSON of a message to a writer, e.g. one obtained from {@link #newWriter()}.
     *
     * @param message message to encode
     * @param target writer to append to
     */
    public void encode(Message message, JsonWriter target) {
        encoder.encode(message, target);
    }

    /**
     * Appends the JSON object of one token's data, the shared part of {@code token_update} and
     * {@code token_batch} that the server serialises once per update.
     *
     * @param tokenData data to encode
     * @param target writer to append to
     */
    public void encodeTokenData(TokenData tokenData, JsonWriter target) {
        encoder.tokenData(tokenData, target);
    }

    /**
     * @return a new, empty writer for {@link #encode(Message, JsonWriter)}; reuse it with {@code reset()}
     */
    public JsonWriter newWriter() {
        return dslJson.newWriter(1024);
    }

    /*
     * One pass over the envelope. data is decoded in place when type is already known; when it is not (type
     * after data), or when sequence/timestamp arrive after it, a second pass re-reads data alone. Our own
     * encoder writes type, sequence, timestamp, data, so the second pass is for other writers only.
     */
    private Message decodeMessage(byte[] bytes, int length) throws IOException, DecodeException {
        in.openMessage(bytes, length);
        int seen = 0;
        MessageType type = null;
        String typeName = null;
        long sequence = -1;
        long timestamp = -1;
        Message decoded = null;
        boolean secondPass = false;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "type" -> {
                    seen = once(seen, TYPE, key);
                    typeName = in.string(key);
                    type = MessageType.fromWireName(typeName);
                }
                case "sequence" -> {
                    seen = once(seen, SEQUENCE, key);
                    sequence = in.nonNegativeLong(key);
                    requestSequence = sequence;
                    secondPass |= decoded != null;
                }
                case "timestamp" -> {
                    seen = once(seen, TIMESTAMP, key);
                    timestamp = in.nonNegativeLong(key);
                    secondPass |= decoded != null;
                }
                case "data" -> {
                    seen = once(seen, DATA, key);
                    in.requireObject(key);
                    if (type != null) {
                        decoded = decodeData(type, sequence, timestamp);
                    } else {
                        in.skipValue();
                        secondPass = true;
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
            throw DecodeException.message(ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown message type \"" + echo(typeName) + '"');
        }
        if ((seen & DATA) == 0) {
            return data.withoutData(type, sequence, timestamp);
        }
        return secondPass ? decodeDataAgain(bytes, length, type, sequence, timestamp) : decoded;
    }

    private Message decodeDataAgain(byte[] bytes, int length, MessageType type, long sequence, long timestamp)
            throws IOException, DecodeException {
        in.reset(bytes, length);
        in.next();
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            if ("data".equals(key)) {
                return decodeData(type, sequence, timestamp);
            }
            in.skipValue();
        }
        throw new IllegalStateException("data vanished between passes");
    }

    private Message decodeData(MessageType type, long sequence, long timestamp) throws IOException, DecodeException {
        try {
            return data.decode(type, sequence, timestamp);
        } catch (DecodeException e) {
            throw e.prefixed("data.");
        }
    }

    static int once(int seen, int field, String name) throws DecodeException {
        if ((seen & field) != 0) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "duplicate field " + name);
        }
        return seen | field;
    }

    // The error text goes back to the client: keep what it sent short.
    static String echo(String typeName) {
        return typeName.length() <= MAX_ECHOED_TYPE_LENGTH ? typeName : typeName.substring(0, MAX_ECHOED_TYPE_LENGTH) + "...";
    }

    private long ingestSequence(byte[] bytes, int length) {
        requestSequence = ingest.sequence();
        return recoverSequence(bytes, length);
    }

    /*
     * When decoding failed before sequence was read, look for it once more, skipping everything else, so that the
     * error response can still echo it. Best effort: gives up on the first problem.
     */
    private long recoverSequence(byte[] bytes, int length) {
        if (requestSequence >= 0) {
            return requestSequence;
        }
        try {
            in.reset(bytes, length);
            if (!in.startsWithObject()) {
                return -1;
            }
            in.next();
            for (String key = in.firstKey(); key != null; key = in.nextKey()) {
                if ("sequence".equals(key)) {
                    return in.nonNegativeLong(key);
                }
                in.skipValue();
            }
        } catch (DecodeException | IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
