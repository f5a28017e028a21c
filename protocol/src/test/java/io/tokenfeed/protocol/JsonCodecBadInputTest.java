package io.tokenfeed.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JsonCodecBadInputTest {
    private static final ErrorCode INVALID = ErrorCode.INVALID_MESSAGE;
    private static final String BAD_SEQUENCE = "sequence must be a non-negative integer";
    private static final String TOKEN = "{\"address\":\"a\",\"price\":\"1\",\"marketCap\":\"2\","
            + "\"volume\":{\"h24\":\"1\",\"h1\":\"2\",\"m5\":\"3\"}}";

    private final JsonCodec codec = new JsonCodec();

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("malformed JSON", "{\"type\":\"ping\"", INVALID, "malformed JSON"),
                arguments("unquoted key", "{type:\"ping\"}", INVALID, "malformed JSON"),
                arguments("trailing comma", "{\"type\":\"ping\",}", INVALID, "malformed JSON"),
                arguments("missing colon", "{\"type\" \"ping\"}", INVALID, "malformed JSON"),
                arguments("bad literal in unknown field", "{\"type\":\"ping\",\"x\":tru}", INVALID, "malformed JSON"),
                arguments("bare word in unknown field", "{\"type\":\"ping\",\"x\":hello}", INVALID, "malformed JSON"),
                arguments("leading zero in unknown field", "{\"type\":\"ping\",\"x\":01}", INVALID, "malformed JSON"),
                arguments("bad escape in unknown field", "{\"type\":\"ping\",\"x\":\"\\q\"}", INVALID, "malformed JSON"),
                arguments("unterminated string", "{\"type\":\"ping", INVALID, "malformed JSON"),
                arguments("array", "[]", INVALID, "message must be a JSON object"),
                arguments("string", "\"str\"", INVALID, "message must be a JSON object"),
                arguments("null", "null", INVALID, "message must be a JSON object"),
                arguments("number", "42", INVALID, "message must be a JSON object"),
                arguments("empty input", "", INVALID, "message is empty"),
                arguments("whitespace only", " \n\t ", INVALID, "message is empty"),
                arguments("form feed before object", "\f{\"type\":\"ping\"}", INVALID, "message must be a JSON object"),
                arguments("trailing garbage", "{\"type\":\"ping\"}x", INVALID, "unexpected content after"),
                arguments("two objects", "{\"type\":\"ping\"}{\"type\":\"ping\"}", INVALID, "unexpected content after"),
                arguments("missing type", "{\"sequence\":1,\"data\":{}}", INVALID, "type is required"),
                arguments("numeric type", "{\"type\":5,\"data\":{}}", INVALID, "type must be a string"),
                arguments("null type", "{\"type\":null}", INVALID, "type must be a string"),
                arguments("duplicate type", "{\"type\":\"ping\",\"type\":\"ping\"}", INVALID, "duplicate field type"),
                arguments("unknown type", "{\"type\":\"subscribe\",\"data\":{}}", ErrorCode.UNKNOWN_MESSAGE_TYPE,
                        "\"subscribe\""),
                arguments("type in wrong case", "{\"type\":\"PING\"}", ErrorCode.UNKNOWN_MESSAGE_TYPE, "PING"),
                arguments("sequence -1", "{\"type\":\"ping\",\"sequence\":-1}", INVALID, BAD_SEQUENCE),
                arguments("sequence 1.5", "{\"type\":\"ping\",\"sequence\":1.5}", INVALID, BAD_SEQUENCE),
                arguments("sequence 1.0", "{\"type\":\"ping\",\"sequence\":1.0}", INVALID, BAD_SEQUENCE),
                arguments("sequence 1e3", "{\"type\":\"ping\",\"sequence\":1e3}", INVALID, BAD_SEQUENCE),
                arguments("sequence string", "{\"type\":\"ping\",\"sequence\":\"1\"}", INVALID, BAD_SEQUENCE),
                arguments("sequence null", "{\"type\":\"ping\",\"sequence\":null}", INVALID, BAD_SEQUENCE),
                arguments("sequence leading zero", "{\"type\":\"ping\",\"sequence\":01}", INVALID, BAD_SEQUENCE),
                arguments("sequence overflow", "{\"type\":\"ping\",\"sequence\":9223372036854775808}", INVALID,
                        BAD_SEQUENCE),
                arguments("timestamp negative", "{\"type\":\"ping\",\"timestamp\":-5}", INVALID, "timestamp must be"),
                arguments("data array", "{\"type\":\"ping\",\"data\":[]}", INVALID, "data must be an object"),
                arguments("data string", "{\"type\":\"subscription\",\"data\":\"x\"}", INVALID, "data must be an object"),
                arguments("data null", "{\"type\":\"ack\",\"data\":null}", INVALID, "data must be an object"),
                arguments("data missing", "{\"type\":\"subscription\",\"sequence\":1}", INVALID, "data is required"),
                arguments("tokens not an array", subscribe("\"0xabc\""), INVALID, "data.tokens must be an array of strings"),
                arguments("tokens empty", subscribe("[]"), INVALID, "data.tokens must not be empty"),
                arguments("tokens with a number", subscribe("[\"a\",1]"), INVALID, "data.tokens must be an array of strings"),
                arguments("tokens with null", subscribe("[null]"), INVALID, "data.tokens must be an array of strings"),
                arguments("tokens nested array", subscribe("[[\"a\"]]"), INVALID, "data.tokens must be an array of strings"),
                arguments("tokens missing", "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\"}}", INVALID,
                        "data.tokens is required"),
                arguments("action unknown", "{\"type\":\"subscription\",\"data\":{\"action\":\"subscrib\",\"tokens\":[\"a\"]}}",
                        INVALID, "data.action must be \"subscribe\" or \"unsubscribe\""),
                arguments("action numeric", "{\"type\":\"subscription\",\"data\":{\"action\":1,\"tokens\":[\"a\"]}}",
                        INVALID, "data.action must be"),
                arguments("action missing", "{\"type\":\"subscription\",\"data\":{\"tokens\":[\"a\"]}}", INVALID,
                        "data.action is required"),
                arguments("ack negative", "{\"type\":\"ack\",\"data\":{\"sequence\":-3}}", INVALID,
                        "data.sequence must be a non-negative integer"),
                arguments("ack fractional", "{\"type\":\"ack\",\"data\":{\"sequence\":3.5}}", INVALID,
                        "data.sequence must be a non-negative integer"),
                arguments("ack without sequence", "{\"type\":\"ack\",\"data\":{}}", INVALID, "data.sequence is required"),
                arguments("ack without data", "{\"type\":\"ack\",\"sequence\":2}", INVALID, "data is required"),
                arguments("resume without lastSequence", "{\"type\":\"resume\",\"data\":{\"connectionId\":\"c\"}}", INVALID,
                        "data.lastSequence is required"),
                arguments("resume numeric connectionId", "{\"type\":\"resume\",\"data\":{\"connectionId\":1,\"lastSequence\":1}}",
                        INVALID, "data.connectionId must be a string"),
                arguments("price not a string", update(TOKEN.replace("\"price\":\"1\"", "\"price\":1")), INVALID,
                        "data.price must be a string"),
                arguments("price missing", update(TOKEN.replace("\"price\":\"1\",", "")), INVALID, "data.price is required"),
                arguments("volume not an object", update(TOKEN.replace("{\"h24\":\"1\",\"h1\":\"2\",\"m5\":\"3\"}", "\"1\"")),
                        INVALID, "data.volume must be an object"),
                arguments("volume missing m5", update(TOKEN.replace(",\"m5\":\"3\"", "")), INVALID, "data.volume.m5 is required"),
                arguments("snapshot not a boolean", update(TOKEN.replace("{\"address\"", "{\"snapshot\":\"yes\",\"address\"")),
                        INVALID, "data.snapshot must be a boolean"),
                arguments("version negative", update(TOKEN.replace("{\"address\"", "{\"version\":-1,\"address\"")),
                        INVALID, "data.version must be a non-negative integer"),
                arguments("updates not an array", "{\"type\":\"token_batch\",\"data\":{\"updates\":{}}}", INVALID,
                        "data.updates must be an array of objects"),
                arguments("updates empty", "{\"type\":\"token_batch\",\"data\":{\"updates\":[]}}", INVALID,
                        "data.updates must not be empty"),
                arguments("update entry broken", "{\"type\":\"token_batch\",\"data\":{\"updates\":[" + TOKEN + ","
                        + TOKEN.replace("\"marketCap\":\"2\"", "\"marketCap\":false") + "]}}", INVALID,
                        "data.updates[1].marketCap must be a string"),
                arguments("count disagrees", "{\"type\":\"token_batch\",\"data\":{\"count\":2,\"updates\":[" + TOKEN + "]}}",
                        INVALID, "data.count is 2 but updates has 1 entries"),
                arguments("error with unknown code", "{\"type\":\"error\",\"data\":{\"code\":\"NOPE\"}}", INVALID,
                        "data.code is not a known error code"),
                arguments("error with unknown level", "{\"type\":\"error\",\"data\":{\"code\":\"OVERLOADED\",\"level\":\"x\"}}",
                        INVALID, "data.level must be"),
                arguments("rejected entry not an object", "{\"type\":\"ingest_ack\",\"data\":{\"accepted\":1,\"duplicates\":0,"
                        + "\"rejected\":[1]}}", INVALID, "data.rejected must be an array of objects"),
                arguments("rejected entry without code", "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\","
                        + "\"status\":\"error\",\"rejected\":[{\"token\":\"x\"}]}}", INVALID, "data.rejected[0].code is required"),
                arguments("connection without status", "{\"type\":\"connection\",\"data\":{\"connectionId\":\"c\"}}", INVALID,
                        "data.status is required"),
                arguments("int field too large", "{\"type\":\"ingest_ack\",\"data\":{\"accepted\":2147483648,\"duplicates\":0}}",
                        INVALID, "data.accepted must be at most"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void shouldRefuseWithExactCodeWhenInputIsBad(String label, String json, ErrorCode code, String messagePart) {
        DecodeResult result = decode(json);

        assertThat(result.message()).isNull();
        assertThat(result.error()).isEqualTo(code);
        assertThat(result.errorMessage()).contains(messagePart);
    }

    @Test
    void shouldStopReadingWhenTokensExceedLimit() {
        StringBuilder tokens = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            tokens.append(i == 0 ? "" : ",").append("\"0x").append(String.format("%040x", i)).append('"');
        }
        String json = "{\"type\":\"subscription\",\"sequence\":5,\"data\":{\"action\":\"subscribe\",\"tokens\":"
                + tokens + "]}}";

        DecodeResult result = decode(json);

        assertThat(result.error()).isEqualTo(INVALID);
        assertThat(result.errorMessage()).isEqualTo("data.tokens has more than 1000 entries");
        assertThat(result.requestSequence()).isEqualTo(5);
        assertThat(new JsonCodec(3, 10).decode(bytes(subscribe("[\"a\",\"b\",\"c\",\"d\"]"))).errorMessage())
                .isEqualTo("data.tokens has more than 3 entries");
        assertThat(new JsonCodec(3, 10).decode(bytes(subscribe("[\"a\",\"b\",\"c\"]"))).isSuccess()).isTrue();
    }

    @Test
    void shouldAnswerBatchTooLargeWhenUpdatesExceedLimit() {
        StringBuilder updates = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            updates.append(i == 0 ? "" : ",").append(TOKEN);
        }

        DecodeResult result = decode("{\"type\":\"token_batch\",\"sequence\":9,\"data\":{\"updates\":[" + updates + "]}}");

        assertThat(result.error()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
        assertThat(result.errorMessage()).isEqualTo("data.updates has more than 1000 entries");
        assertThat(result.requestSequence()).isEqualTo(9);
    }

    @Test
    void shouldSkipUnknownFieldsWhenDeeplyNested() {
        String nested = "[".repeat(60) + "{\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\\n\"]}" + "]".repeat(60);
        String json = "{\"x\":" + nested + ",\"type\":\"subscription\",\"data\":{\"y\":" + nested
                + ",\"action\":\"subscribe\",\"tokens\":[\"a\"]},\"z\":{}}";

        DecodeResult result = decode(json);

        assertThat(result.message()).isEqualTo(new SubscriptionRequest(-1, SubscriptionAction.SUBSCRIBE, List.of("a")));
    }

    @Test
    void shouldRefuseWithoutStackOverflowWhenNestingIsExtreme() {
        String json = "{\"type\":\"ping\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatNoException().isThrownBy(() -> decode(json));
        assertThat(decode(json).error()).isEqualTo(INVALID);
        assertThat(decode(json).errorMessage()).contains("nested deeper than");
    }

    @Test
    void shouldDecodeWhenTypeComesLast() {
        DecodeResult result = decode("{\"data\":{\"tokens\":[\"a\",\"b\"],\"action\":\"unsubscribe\"},\"sequence\":8,"
                + "\"type\":\"subscription\"}");

        assertThat(result.message()).isEqualTo(new SubscriptionRequest(8, SubscriptionAction.UNSUBSCRIBE, List.of("a", "b")));
        assertThat(result.requestSequence()).isEqualTo(8);
    }

    @Test
    void shouldKeepSequenceWhenItComesAfterData() {
        DecodeResult result = decode("{\"type\":\"token_update\",\"data\":" + TOKEN + ",\"timestamp\":5,\"sequence\":4}");

        assertThat(result.message()).isInstanceOfSatisfying(TokenUpdateMessage.class, m -> {
            assertThat(m.sequence()).isEqualTo(4);
            assertThat(m.timestamp()).isEqualTo(5);
        });
    }

    @Test
    void shouldEchoRequestSequenceWhenDataIsBadBeforeOrAfterSequence() {
        assertThat(decode("{\"type\":\"subscription\",\"sequence\":7,\"data\":{\"action\":\"x\"}}").requestSequence())
                .isEqualTo(7);
        assertThat(decode("{\"type\":\"subscription\",\"data\":{\"action\":\"x\"},\"sequence\":7}").requestSequence())
                .isEqualTo(7);
        assertThat(decode("{\"sequence\":11,\"type\":\"nope\"}").requestSequence()).isEqualTo(11);
        assertThat(decode("{\"sequence\":11,\"type\":\"ping\"} trailing").requestSequence()).isEqualTo(11);
        assertThat(decode("{\"sequence\":-1,\"type\":\"ping\"}").requestSequence()).isEqualTo(-1);
        assertThat(decode("{\"type\":\"ping\",\"sequence\":3,").requestSequence()).isEqualTo(3);
    }

    @Test
    void shouldAllowPingAndHeartbeatWhenDataIsOmitted() {
        assertThat(decode("{\"type\":\"ping\",\"sequence\":4}").message()).isEqualTo(new PingRequest(4));
        assertThat(decode(" {\"type\":\"heartbeat\",\"sequence\":4,\"timestamp\":2} \n").message())
                .isEqualTo(new HeartbeatMessage(4, 2));
    }

    @Test
    void shouldIgnoreResponseFieldsWhenDecodingFromClient() {
        JsonCodec server = new JsonCodec(1000, 1000, DecodeMode.FROM_CLIENT);
        String json = "{\"type\":\"subscription\",\"data\":{\"status\":5,\"rejected\":\"?\",\"action\":\"subscribe\","
                + "\"tokens\":[\"a\"]}}";

        assertThat(server.decode(bytes(json)).message())
                .isEqualTo(new SubscriptionRequest(-1, SubscriptionAction.SUBSCRIBE, List.of("a")));
        assertThat(server.decode(bytes("{\"type\":\"resume\",\"data\":{\"status\":\"success\",\"connectionId\":\"c\","
                + "\"lastSequence\":3}}")).message()).isEqualTo(new ResumeRequest(-1, "c", 3));
    }

    @Test
    void shouldAnswerServerOnlyTypesFromClientsAsUnknownWhateverTheirData() {
        JsonCodec server = new JsonCodec(1000, 1000, DecodeMode.FROM_CLIENT);

        for (String json : new String[] {"{\"type\":\"error\",\"sequence\":3,\"data\":{}}",
                "{\"data\":{\"bogus\":1},\"type\":\"connection\"}", "{\"type\":\"heartbeat\"}",
                "{\"type\":\"ingest_ack\",\"data\":{\"accepted\":\"x\"}}"}) {
            DecodeResult result = server.decode(bytes(json));
            assertThat(result.error()).as(json).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
        }
        assertThat(server.decode(bytes("{\"type\":\"error\",\"sequence\":3,\"data\":{}}")).requestSequence()).isEqualTo(3);
    }

    @Test
    void shouldRequireStatusWhenDecodingFromServer() {
        JsonCodec client = new JsonCodec(1000, 1000, DecodeMode.FROM_SERVER);

        DecodeResult result = client.decode(bytes(subscribe("[\"a\"]")));

        assertThat(result.errorMessage()).isEqualTo("data.status is required");
    }

    @Test
    void shouldDecodeOnlyLengthBytesAndLeaveBufferUntouchedWhenBufferIsLarger() {
        byte[] json = bytes("{\"type\":\"ping\",\"sequence\":1}");
        byte[] buffer = new byte[json.length + 10];
        System.arraycopy(json, 0, buffer, 0, json.length);
        buffer[json.length] = 'x';
        byte[] before = buffer.clone();

        assertThat(codec.decode(buffer, json.length).message()).isEqualTo(new PingRequest(1));
        assertThat(buffer).isEqualTo(before);
        assertThat(codec.decode(buffer, json.length - 1).error()).isEqualTo(INVALID);
    }

    @Test
    void shouldRefuseWithoutThrowingWhenArgumentsAreOutOfRange() {
        assertThat(codec.decode(null).error()).isEqualTo(INVALID);
        assertThat(codec.decode(new byte[2], 3).error()).isEqualTo(INVALID);
        assertThat(codec.decode(new byte[2], -1).error()).isEqualTo(INVALID);
        assertThat(codec.decodeTokenBatchData(null, 0).error()).isEqualTo(INVALID);
    }

    @Test
    void shouldNotThrowWhenStringsHoldInvalidUtf8OrTruncatedEscapes() {
        byte[][] inputs = {
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xF8, (byte) 0x80, '"', '}'},
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xE2, '"', '}'},
            bytes("{\"type\":\"\\u12"),
            bytes("{\"type\":\"\\"),
            bytes("{\"type\":\"ping\",\"x\":\"\\u00"),
        };
        for (byte[] input : inputs) {
            assertThatNoException().isThrownBy(() -> codec.decode(input));
        }
        assertThat(codec.decode(bytes("{\"type\":\"\\u0070ing\"}")).message()).isEqualTo(new PingRequest(-1));
    }

    @Test
    void shouldEncodeWithoutThrowingWhenEchoedTokenHoldsLoneSurrogate() {
        DecodeResult request = decode(subscribe("[\"\\ud800x\",\"\\ud83d\\ude00\"]"));
        List<String> tokens = ((SubscriptionRequest) request.message()).tokens();
        assertThat(tokens).containsExactly("\ud800x", "\ud83d\ude00");
        SubscriptionResponse response = new SubscriptionResponse(2, 3, SubscriptionAction.SUBSCRIBE, List.of(), "error", -1,
                0, List.of(new RejectedToken(tokens.get(0), ErrorCode.INVALID_TOKEN_ADDRESS, tokens.get(1))));

        byte[] json = codec.encode(response);

        RejectedToken echoed = ((SubscriptionResponse) codec.decode(json).message()).rejected().get(0);
        assertThat(echoed.token()).isEqualTo("\ufffdx");
        assertThat(echoed.message()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void shouldReuseCodecWhenPreviousDecodeFailed() {
        decode("{\"type\":\"subscription\",\"sequence\":7,\"data\":{\"action\":\"x\"}}");

        DecodeResult result = decode("{\"type\":\"ping\"}");

        assertThat(result.message()).isEqualTo(new PingRequest(-1));
        assertThat(result.requestSequence()).isEqualTo(-1);
    }

    private static String subscribe(String tokens) {
        return "{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":" + tokens + "}}";
    }

    private static String update(String data) {
        return "{\"type\":\"token_update\",\"data\":" + data + "}";
    }

    private DecodeResult decode(String json) {
        byte[] bytes = bytes(json);
        return codec.decode(bytes, bytes.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
