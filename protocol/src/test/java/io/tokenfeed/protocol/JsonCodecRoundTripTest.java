package io.tokenfeed.protocol;

import com.dslplatform.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecRoundTripTest {
    private final JsonCodec codec = new JsonCodec();

    static List<Message> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldDecodeToEqualMessageWhenEncoded(Message message) {
        byte[] json = codec.encode(message);

        DecodeResult result = codec.decode(json, json.length);

        assertThat(result.error()).as(new String(json, StandardCharsets.UTF_8)).isNull();
        assertThat(result.message()).isEqualTo(message);
        assertThat(result.requestSequence()).isEqualTo(message.sequence());
    }

    @Test
    void shouldCoverEveryMessageTypeWhenSamplesAreListed() {
        assertThat(Samples.all()).extracting(Message::type).containsAll(List.of(MessageType.values()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldWriteSameBytesWhenWriterIsSupplied(Message message) {
        JsonWriter writer = codec.newWriter();
        writer.writeAscii("junk");
        writer.reset();

        codec.encode(message, writer);

        assertThat(writer.toByteArray()).isEqualTo(codec.encode(message));
    }

    @Test
    void shouldWriteProtocolOrderWhenTokenUpdateIsEncoded() {
        String json = encode(new TokenUpdateMessage(4, 1732680000000L,
                new TokenData("0xabc", "1.2345", "123456789.00", Samples.VOLUME, 1732679999990L, 17, true, false)));

        assertThat(json).isEqualTo("{\"type\":\"token_update\",\"sequence\":4,\"timestamp\":1732680000000,"
                + "\"data\":{\"address\":\"0xabc\",\"price\":\"1.2345\",\"marketCap\":\"123456789.00\","
                + "\"volume\":{\"h24\":\"1000.5\",\"h1\":\"50.25\",\"m5\":\"3.1\"},"
                + "\"updatedAt\":1732679999990,\"version\":17,\"snapshot\":true}}");
    }

    @Test
    void shouldOmitAbsentFieldsWhenOptionalValuesAreMissing() {
        assertThat(encode(new TokenUpdateMessage(-1, -1, Samples.MINIMAL))).isEqualTo("{\"type\":\"token_update\","
                + "\"data\":{\"address\":\"" + Samples.SOLANA + "\",\"price\":\"0\",\"marketCap\":\"0.5\","
                + "\"volume\":{\"h24\":\"1000.5\",\"h1\":\"50.25\",\"m5\":\"3.1\"}}}");
        assertThat(encode(new SubscriptionResponse(3, 10, SubscriptionAction.SUBSCRIBE, List.of("a"), "success", -1, 1,
                List.of()))).isEqualTo("{\"type\":\"subscription\",\"sequence\":3,\"timestamp\":10,\"data\":"
                + "{\"action\":\"subscribe\",\"tokens\":[\"a\"],\"status\":\"success\",\"subscriptionCount\":1}}");
        assertThat(encode(new IngestAckMessage(1, 2, -1, 5, 0, null)))
                .isEqualTo("{\"type\":\"ingest_ack\",\"sequence\":1,\"timestamp\":2,\"data\":{\"accepted\":5,\"duplicates\":0}}");
    }

    @Test
    void shouldWriteAckSequenceInsideDataWhenAckIsEncoded() {
        assertThat(encode(new AckRequest(12, 40))).isEqualTo("{\"type\":\"ack\",\"sequence\":12,\"data\":{\"sequence\":40}}");
        assertThat(encode(new PingRequest(-1))).isEqualTo("{\"type\":\"ping\",\"data\":{}}");
        assertThat(encode(new HeartbeatMessage(9, 5))).isEqualTo("{\"type\":\"heartbeat\",\"sequence\":9,\"timestamp\":5,\"data\":{}}");
        assertThat(encode(new HeartbeatMessage(9, 5, 3)))
                .isEqualTo("{\"type\":\"heartbeat\",\"sequence\":9,\"timestamp\":5,\"data\":{\"requestSequence\":3}}");
    }

    @Test
    void shouldWriteCountWhenBatchIsEncoded() {
        assertThat(encode(new TokenBatchMessage(5, 6, List.of(Samples.MINIMAL, Samples.MINIMAL))))
                .startsWith("{\"type\":\"token_batch\",\"sequence\":5,\"timestamp\":6,\"data\":{\"count\":2,\"updates\":[{");
    }

    @Test
    void shouldWriteDataObjectOnlyWhenTokenDataIsEncodedAlone() {
        JsonWriter writer = codec.newWriter();

        codec.encodeTokenData(Samples.FULL, writer);

        String data = writer.toString();
        assertThat(data).startsWith("{\"address\":").endsWith("\"replayed\":true}");
        assertThat(encode(new TokenUpdateMessage(1, 2, Samples.FULL))).contains("\"data\":" + data + "}");
    }

    @Test
    void shouldEscapeWhenStringsHoldQuotesAndUnicode() {
        String odd = "q\"b\\s/\n\t\u0001é€😀";
        Message message = new ErrorMessage(1, 2, ErrorCode.INTERNAL_ERROR, odd, null, 3, 4);

        Message decoded = codec.decode(codec.encode(message)).message();

        assertThat(decoded).isEqualTo(message);
        assertThat(((ErrorMessage) decoded).level()).isEqualTo(ErrorLevel.ERROR);
    }

    @Test
    void shouldRoundTripWhenBatchHasMaximumSize() {
        List<TokenData> updates = new ArrayList<>();
        for (int i = 0; i < JsonCodec.DEFAULT_MAX_BATCH_UPDATES; i++) {
            updates.add(new TokenData("0x" + String.format("%040x", i), i + ".5", "1", Samples.VOLUME, i, i, false, false));
        }
        TokenBatchMessage batch = new TokenBatchMessage(1, 2, updates);

        assertThat(codec.decode(codec.encode(batch)).message()).isEqualTo(batch);
    }

    @ParameterizedTest
    @EnumSource(DecodeMode.class)
    void shouldRoundTripWhenModeMatchesDirection(DecodeMode mode) {
        JsonCodec directed = new JsonCodec(1000, 1000, mode);
        for (Message message : Samples.all()) {
            boolean request = message instanceof SubscriptionRequest || message instanceof ResumeRequest;
            boolean response = message instanceof SubscriptionResponse || message instanceof ResumeResponse;
            boolean serverOnly = !message.type().sentByClients();
            if ((request && mode == DecodeMode.FROM_SERVER) || ((response || serverOnly) && mode == DecodeMode.FROM_CLIENT)) {
                continue;
            }
            assertThat(directed.decode(codec.encode(message)).message()).isEqualTo(message);
        }
    }

    @Test
    void shouldDecodeBatchBodyWhenIngestedOverHttp() {
        byte[] body = ("{\"updates\":[" + new String(encodeData(Samples.MINIMAL), StandardCharsets.UTF_8) + "],\"count\":1}")
                .getBytes(StandardCharsets.UTF_8);

        DecodeResult result = codec.decodeTokenBatchData(body, body.length);

        assertThat(result.message()).isEqualTo(new TokenBatchMessage(-1, -1, List.of(Samples.MINIMAL)));
        assertThat(codec.decodeTokenBatchData(body, body.length - 1).error()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        String entry = new String(encodeData(Samples.MINIMAL), StandardCharsets.UTF_8);
        byte[] big = ("{\"updates\":[" + entry + "," + entry + "]}").getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonCodec(10, 1).decodeTokenBatchData(big, big.length).error()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
    }

    private byte[] encodeData(TokenData data) {
        JsonWriter writer = codec.newWriter();
        codec.encodeTokenData(data, writer);
        return writer.toByteArray();
    }

    private String encode(Message message) {
        return new String(codec.encode(message), StandardCharsets.UTF_8);
    }
}
