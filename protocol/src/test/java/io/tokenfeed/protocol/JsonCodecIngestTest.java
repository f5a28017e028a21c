package io.tokenfeed.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JsonCodecIngestTest {
    private static final ErrorCode INVALID = ErrorCode.INVALID_MESSAGE;
    private static final String VOLUME = "{\"h24\":\"1000.5\",\"h1\":\"50.25\",\"m5\":\"3.1\"}";
    private static final String TOKEN = "{\"address\":\"" + Samples.EVM + "\",\"price\":\"1.2345\",\"marketCap\":\"123456789.00\","
            + "\"volume\":" + VOLUME + "}";
    private static final TokenData DATA = new TokenData(Samples.EVM, "1.2345", "123456789.00", Samples.VOLUME, -1, -1, false,
            false);

    private final JsonCodec codec = new JsonCodec();

    @Test
    void shouldSplitEntriesWhenBatchMixesValidAndInvalidUpdates() {
        String updates = String.join(",",
                TOKEN,
                "{\"address\":\"a1\",\"marketCap\":\"2\",\"volume\":" + VOLUME + "}",
                "{\"price\":\"1\",\"marketCap\":\"2\",\"volume\":\"big\",\"address\":\"a2\"}",
                "42",
                "{\"address\":\"a4\",\"version\":-1,\"price\":\"1\",\"marketCap\":\"2\",\"volume\":" + VOLUME + "}",
                "{\"version\":17,\"updatedAt\":1732679999990,\"address\":\"" + Samples.SOLANA + "\",\"price\":\"0\","
                        + "\"marketCap\":\"0.5\",\"volume\":" + VOLUME + "}");

        IngestDecodeResult result = ingest("{\"type\":\"token_batch\",\"sequence\":44,\"timestamp\":1732680000000,"
                + "\"data\":{\"count\":6,\"updates\":[" + updates + "]}}");

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.requestSequence()).isEqualTo(44);
        assertThat(result.updates()).containsExactly(DATA,
                new TokenData(Samples.SOLANA, "0", "0.5", Samples.VOLUME, 1732679999990L, 17, false, false));
        assertThat(result.updateIndexes()).containsExactly(0, 5);
        assertThat(result.rejected()).containsExactly(
                new RejectedUpdate(1, "a1", INVALID, "updates[1].price is required"),
                new RejectedUpdate(2, "a2", INVALID, "updates[2].volume must be an object"),
                new RejectedUpdate(3, null, INVALID, "updates[3] must be an object"),
                new RejectedUpdate(4, "a4", INVALID, "updates[4].version must be a non-negative integer"));
    }

    static Stream<Arguments> badEntries() {
        return Stream.of(
                arguments("version fractional", "{\"version\":1.5,\"address\":\"x\"}", "x", "updates[0].version must be a "
                        + "non-negative integer"),
                arguments("version string", "{\"address\":\"x\",\"version\":\"3\"}", "x", "updates[0].version must be a "
                        + "non-negative integer"),
                arguments("updatedAt negative", "{\"address\":\"x\",\"updatedAt\":-4}", "x", "updates[0].updatedAt must be a "
                        + "non-negative integer"),
                arguments("address numeric", "{\"address\":7,\"price\":\"1\"}", null, "updates[0].address must be a string"),
                arguments("address missing", "{\"price\":\"1\"}", null, "updates[0].address is required"),
                arguments("empty object", "{}", null, "updates[0].address is required"),
                arguments("volume missing h1", TOKEN.replace(",\"h1\":\"50.25\"", ""), Samples.EVM,
                        "updates[0].volume.h1 is required"),
                arguments("volume m5 numeric", TOKEN.replace("\"m5\":\"3.1\"", "\"m5\":3.1"), Samples.EVM,
                        "updates[0].volume.m5 must be a string"),
                arguments("snapshot string", TOKEN.replace("{\"address\"", "{\"snapshot\":\"no\",\"address\""), Samples.EVM,
                        "updates[0].snapshot must be a boolean"),
                arguments("null entry", "null", null, "updates[0] must be an object"),
                arguments("string entry", "\"" + Samples.EVM + "\"", null, "updates[0] must be an object"),
                arguments("array entry", "[" + TOKEN + "]", null, "updates[0] must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEntries")
    void shouldRejectOnlyTheEntryWhenEntryIsBad(String label, String entry, String address, String message) {
        IngestDecodeResult result = ingest("{\"type\":\"token_batch\",\"data\":{\"updates\":[" + entry + "," + TOKEN + "]}}");

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.rejected()).containsExactly(new RejectedUpdate(0, address, INVALID, message));
        assertThat(result.updates()).containsExactly(DATA);
        assertThat(result.updateIndexes()).containsExactly(1);
    }

    @Test
    void shouldDecodeTokenUpdateWhenItIsValid() {
        IngestDecodeResult result = ingest("{\"type\":\"token_update\",\"sequence\":3,\"data\":" + TOKEN + "}");

        assertThat(result).isEqualTo(IngestDecodeResult.success(3, List.of(DATA), new int[] {0}, List.of()));
    }

    @Test
    void shouldRejectTheEntryWhenTokenUpdateIsInvalid() {
        IngestDecodeResult result = ingest("{\"type\":\"token_update\",\"sequence\":3,\"data\":"
                + TOKEN.replace("\"price\":\"1.2345\"", "\"price\":1.2345") + "}");

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.requestSequence()).isEqualTo(3);
        assertThat(result.updates()).isEmpty();
        assertThat(result.updateIndexes()).isEmpty();
        assertThat(result.rejected()).containsExactly(new RejectedUpdate(0, Samples.EVM, INVALID, "price must be a string"));
    }

    @Test
    void shouldAnswerBatchTooLargeWhenUpdatesExceedLimit() {
        IngestDecodeResult result = ingest("{\"type\":\"token_batch\",\"sequence\":9,\"data\":{\"updates\":["
                + entries(1001) + "]}}");

        assertThat(result.error()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
        assertThat(result.errorMessage()).isEqualTo("data.updates has more than 1000 entries");
        assertThat(result.requestSequence()).isEqualTo(9);
        assertThat(result.updates()).isEmpty();
        assertThat(result.rejected()).isEmpty();
        assertThat(ingest("{\"type\":\"token_batch\",\"data\":{\"updates\":[" + entries(1000) + "]}}").updates()).hasSize(1000);
    }

    @Test
    void shouldStopReadingWhenBatchIsFarOverLimit() {
        // Entry 4 is malformed: reading it would give INVALID_MESSAGE, but the limit is found before it is read.
        byte[] json = bytes("{\"type\":\"token_batch\",\"data\":{\"updates\":[" + entries(3) + ",{\"address\":}]}}");

        IngestDecodeResult result = new JsonCodec(10, 3).decodeIngest(json, json.length);

        assertThat(result.error()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
        assertThat(result.errorMessage()).isEqualTo("data.updates has more than 3 entries");
    }

    static Stream<Arguments> badMessages() {
        String batch = "{\"updates\":[" + TOKEN + "]}";
        return Stream.of(
                arguments("count disagrees", "{\"type\":\"token_batch\",\"data\":{\"count\":2,\"updates\":[" + TOKEN + "]}}",
                        INVALID, "data.count is 2 but updates has 1 entries"),
                arguments("count after updates disagrees", "{\"type\":\"token_batch\",\"data\":{\"updates\":[" + TOKEN + ",7],"
                        + "\"count\":1}}", INVALID, "data.count is 1 but updates has 2 entries"),
                arguments("count negative", "{\"type\":\"token_batch\",\"data\":{\"count\":-1,\"updates\":[" + TOKEN + "]}}",
                        INVALID, "data.count must be a non-negative integer"),
                arguments("updates empty", "{\"type\":\"token_batch\",\"data\":{\"updates\":[]}}", INVALID,
                        "data.updates must not be empty"),
                arguments("updates missing", "{\"type\":\"token_batch\",\"data\":{\"count\":0}}", INVALID,
                        "data.updates is required"),
                arguments("updates an object", "{\"type\":\"token_batch\",\"data\":{\"updates\":" + TOKEN + "}}", INVALID,
                        "data.updates must be an array"),
                arguments("updates null", "{\"type\":\"token_batch\",\"data\":{\"updates\":null}}", INVALID,
                        "data.updates must be an array"),
                arguments("subscription", "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":[\"a\"]}}",
                        ErrorCode.UNKNOWN_MESSAGE_TYPE, "message type 'subscription' is not accepted on the ingest endpoint"),
                arguments("heartbeat", "{\"type\":\"heartbeat\",\"sequence\":1}", ErrorCode.UNKNOWN_MESSAGE_TYPE,
                        "message type 'heartbeat' is not accepted on the ingest endpoint"),
                arguments("ingest_ack", "{\"type\":\"ingest_ack\",\"data\":{}}", ErrorCode.UNKNOWN_MESSAGE_TYPE,
                        "message type 'ingest_ack' is not accepted on the ingest endpoint"),
                arguments("unknown type", "{\"type\":\"tokens\",\"data\":" + batch + "}", ErrorCode.UNKNOWN_MESSAGE_TYPE,
                        "unknown message type \"tokens\""),
                arguments("type missing", "{\"data\":" + batch + "}", INVALID, "type is required"),
                arguments("type numeric", "{\"type\":1,\"data\":" + batch + "}", INVALID, "type must be a string"),
                arguments("type twice", "{\"type\":\"token_batch\",\"type\":\"token_batch\",\"data\":" + batch + "}", INVALID,
                        "duplicate field type"),
                arguments("sequence fractional", "{\"type\":\"token_batch\",\"sequence\":1.5,\"data\":" + batch + "}", INVALID,
                        "sequence must be a non-negative integer"),
                arguments("timestamp string", "{\"type\":\"token_batch\",\"timestamp\":\"1\",\"data\":" + batch + "}", INVALID,
                        "timestamp must be a non-negative integer"),
                arguments("data missing", "{\"type\":\"token_update\",\"sequence\":1}", INVALID, "data is required"),
                arguments("data an array", "{\"type\":\"token_batch\",\"data\":[" + TOKEN + "]}", INVALID,
                        "data must be an object"),
                arguments("data a string", "{\"type\":\"token_update\",\"data\":\"x\"}", INVALID, "data must be an object"),
                arguments("trailing garbage", "{\"type\":\"token_batch\",\"data\":" + batch + "}x", INVALID,
                        "unexpected content after the JSON object"),
                arguments("two objects", "{\"type\":\"token_update\",\"data\":" + TOKEN + "}{}", INVALID,
                        "unexpected content after the JSON object"),
                arguments("malformed entry", "{\"type\":\"token_batch\",\"data\":{\"updates\":[" + TOKEN + ",{\"price\":]}}",
                        INVALID, "malformed JSON at byte"),
                arguments("bare word entry", "{\"type\":\"token_batch\",\"data\":{\"updates\":[hello]}}", INVALID,
                        "malformed JSON at byte"),
                arguments("truncated", "{\"type\":\"token_batch\",\"data\":{\"updates\":[" + TOKEN, INVALID,
                        "malformed JSON at byte"),
                arguments("array", "[" + TOKEN + "]", INVALID, "message must be a JSON object"),
                arguments("empty", "  ", INVALID, "message is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void shouldRefuseWholeMessageWhenEnvelopeOrBatchIsBad(String label, String json, ErrorCode code, String message) {
        IngestDecodeResult result = ingest(json);

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.error()).isEqualTo(code);
        assertThat(result.errorMessage()).startsWith(message);
        assertThat(result.updates()).isEmpty();
        assertThat(result.updateIndexes()).isEmpty();
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldKeepSequenceWhenWholeMessageIsRefused() {
        assertThat(ingest("{\"sequence\":12,\"type\":\"heartbeat\"}").requestSequence()).isEqualTo(12);
        assertThat(ingest("{\"type\":\"token_batch\",\"data\":{\"updates\":[]},\"sequence\":13}").requestSequence())
                .isEqualTo(13);
        assertThat(ingest("{\"type\":\"token_batch\",\"data\":{\"updates\":[]},\"sequence\":-1}").requestSequence())
                .isEqualTo(-1);
        assertThat(ingest("{\"type\":\"token_batch\",\"data\":{\"updates\":[]}}").requestSequence()).isEqualTo(-1);
    }

    @Test
    void shouldDecodeWhenTypeComesLast() {
        IngestDecodeResult result = ingest("{\"data\":{\"updates\":[" + TOKEN + ",{}],\"count\":2},\"x\":[1,{\"y\":null}],"
                + "\"sequence\":8,\"timestamp\":1,\"type\":\"token_batch\"}");

        assertThat(result).isEqualTo(IngestDecodeResult.success(8, List.of(DATA), new int[] {0},
                List.of(new RejectedUpdate(1, null, INVALID, "updates[1].address is required"))));
    }

    @Test
    void shouldIgnoreUnknownFieldsWhenTheyAppearAtAnyLevel() {
        String entry = TOKEN.replace("{\"address\"", "{\"extra\":{\"a\":[1,2,{\"b\":\"\\u00e9\"}]},\"address\"")
                .replace("\"h24\"", "\"d7\":\"x\",\"h24\"");

        IngestDecodeResult result = ingest("{\"type\":\"token_update\",\"meta\":\"m\",\"data\":" + entry + "}");

        assertThat(result.updates()).containsExactly(DATA);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldDecodeBodyWhenItIsBareBatchData() {
        IngestDecodeResult withCount = ingestBody("{\"count\":2,\"updates\":[" + TOKEN + "," + TOKEN + "]}");
        IngestDecodeResult withoutCount = ingestBody(" {\"updates\":[" + TOKEN + ",{\"address\":\"z\"}]}\n");

        assertThat(withCount).isEqualTo(IngestDecodeResult.success(-1, List.of(DATA, DATA), new int[] {0, 1}, List.of()));
        assertThat(withoutCount).isEqualTo(IngestDecodeResult.success(-1, List.of(DATA), new int[] {0},
                List.of(new RejectedUpdate(1, "z", INVALID, "updates[1].price is required"))));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("empty", "", INVALID, "body must be a JSON object"),
                arguments("array", "[" + TOKEN + "]", INVALID, "body must be a JSON object"),
                arguments("envelope", "{\"type\":\"token_batch\",\"data\":{\"updates\":[" + TOKEN + "]}}", INVALID,
                        "updates is required"),
                arguments("updates empty", "{\"updates\":[]}", INVALID, "updates must not be empty"),
                arguments("updates a string", "{\"updates\":\"x\"}", INVALID, "updates must be an array"),
                arguments("count disagrees", "{\"count\":3,\"updates\":[" + TOKEN + "]}", INVALID,
                        "count is 3 but updates has 1 entries"),
                arguments("too many", "{\"updates\":[" + entries(1001) + "]}", ErrorCode.BATCH_TOO_LARGE,
                        "updates has more than 1000 entries"),
                arguments("trailing garbage", "{\"updates\":[" + TOKEN + "]}]", INVALID,
                        "unexpected content after the JSON object"),
                arguments("malformed", "{\"updates\":[" + TOKEN + "", INVALID, "malformed JSON at byte"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void shouldRefuseWholeBodyWhenBatchIsBad(String label, String json, ErrorCode code, String message) {
        IngestDecodeResult result = ingestBody(json);

        assertThat(result.error()).isEqualTo(code);
        assertThat(result.errorMessage()).startsWith(message);
        assertThat(result.requestSequence()).isEqualTo(-1);
        assertThat(result.updates()).isEmpty();
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldRejectOnlyTheEntryWhenItsStringIsNotUtf8() {
        byte[] json = bytes("{\"updates\":[{\"address\":\"a\",\"price\":\"#\"}," + TOKEN + "]}");
        json[new String(json, StandardCharsets.ISO_8859_1).indexOf('#')] = (byte) 0xff;

        IngestDecodeResult result = codec.decodeIngestBody(json, json.length);

        assertThat(result.rejected()).containsExactly(new RejectedUpdate(0, "a", INVALID, "updates[0] is not valid JSON"));
        assertThat(result.updates()).containsExactly(DATA);
    }

    @Test
    void shouldRefuseWithoutThrowingWhenBufferIsMissingOrLengthIsOutside() {
        IngestDecodeResult expected = IngestDecodeResult.failure(INVALID, "no message bytes", -1);

        assertThat(codec.decodeIngest(null, 0)).isEqualTo(expected);
        assertThat(codec.decodeIngest(new byte[2], 3)).isEqualTo(expected);
        assertThat(codec.decodeIngestBody(null, 0)).isEqualTo(expected);
        assertThat(codec.decodeIngestBody(new byte[2], -1)).isEqualTo(expected);
    }

    @Test
    void shouldReadOnlyLengthBytesWhenBufferIsLarger() {
        byte[] json = bytes("{\"updates\":[" + TOKEN + "]}");
        byte[] buffer = new byte[json.length + 20];
        System.arraycopy(json, 0, buffer, 0, json.length);
        buffer[json.length] = 'x';

        assertThat(codec.decodeIngestBody(buffer, json.length).updates()).containsExactly(DATA);
    }

    @Test
    void shouldDecodeHugeEntryWhenItOutgrowsTheScratchBuffer() {
        String huge = TOKEN.replace("{\"address\"", "{\"pad\":\"" + "p".repeat(200_000) + "\",\"address\"");

        IngestDecodeResult first = ingestBody("{\"updates\":[" + huge + "," + TOKEN.replace("\"price\":\"1.2345\",", "") + "]}");
        IngestDecodeResult second = ingestBody("{\"updates\":[" + TOKEN + "]}");

        assertThat(first.updates()).containsExactly(DATA);
        assertThat(first.rejected()).containsExactly(new RejectedUpdate(1, Samples.EVM, INVALID, "updates[1].price is required"));
        assertThat(second.updates()).containsExactly(DATA);
    }

    @Test
    void shouldAgreeWithDecodeWhenEveryEntryIsValid() {
        for (Message message : Samples.all()) {
            byte[] json = codec.encode(message);
            IngestDecodeResult result = codec.decodeIngest(json, json.length);
            if (message instanceof TokenBatchMessage batch) {
                assertThat(result.updates()).isEqualTo(batch.updates());
                assertThat(result.rejected()).isEmpty();
            } else if (message instanceof TokenUpdateMessage update) {
                assertThat(result.updates()).containsExactly(update.data());
                assertThat(result.rejected()).isEmpty();
            } else {
                assertThat(result.error()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
            }
            assertThat(result.requestSequence()).isEqualTo(message.sequence());
        }
    }

    private static String entries(int count) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < count; i++) {
            entries.append(i == 0 ? "" : ",").append(TOKEN);
        }
        return entries.toString();
    }

    private IngestDecodeResult ingest(String json) {
        byte[] bytes = bytes(json);
        return codec.decodeIngest(bytes, bytes.length);
    }

    private IngestDecodeResult ingestBody(String json) {
        byte[] bytes = bytes(json);
        return codec.decodeIngestBody(bytes, bytes.length);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
