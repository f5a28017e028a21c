package io.tokenfeed.protocol;

import io.tokenfeed.protocol.JsonCodecFuzzTest.Mutation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecIngestFuzzTest {
    private static final String TOKEN = "{\"address\":\"a\",\"price\":\"1\",\"marketCap\":\"2\","
            + "\"volume\":{\"h24\":\"1\",\"h1\":\"2\",\"m5\":\"3\"},\"version\":4,\"updatedAt\":5}";
    private static final List<byte[]> VALID = seedInputs();
    private static final String[] JSON_PIECES = {
        "{", "}", "[", "]", ":", ",", "\"type\"", "\"data\"", "\"sequence\"", "\"updates\"", "\"count\"", "\"address\"",
        "\"price\"", "\"volume\"", "\"h24\"", "\"version\"", "\"token_batch\"", "\"token_update\"", "\"x\"", "0", "1", "-1",
        "1.5", "null", "true", "\"", "\\", " ", "\u00e9", TOKEN,
    };

    private final JsonCodec codec = new JsonCodec(5, 5);

    @Property
    void shouldNeverThrowWhenBytesAreArbitrary(@ForAll @Size(max = 200) byte[] bytes) {
        assertConsistent(codec.decodeIngest(bytes, bytes.length));
        assertConsistent(codec.decodeIngestBody(bytes, bytes.length));
    }

    @Property
    void shouldNeverThrowWhenJsonPiecesAreShuffled(@ForAll("pieceSequences") String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertConsistent(codec.decodeIngest(bytes, bytes.length));
        assertConsistent(codec.decodeIngestBody(bytes, bytes.length));
    }

    @Property
    void shouldNeverThrowWhenValidBatchIsMutated(@ForAll("validInputs") byte[] valid,
                                                @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = valid;
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }

        IngestDecodeResult ingested = codec.decodeIngest(bytes, bytes.length);

        assertConsistent(ingested);
        assertConsistent(codec.decodeIngestBody(bytes, bytes.length));
        assertAgreesWithStrictDecode(bytes, ingested);
    }

    /** Both fail or succeed on the envelope; when every entry is valid, both give the same updates. */
    private void assertAgreesWithStrictDecode(byte[] bytes, IngestDecodeResult ingested) {
        DecodeResult strict = codec.decode(bytes, bytes.length);
        List<TokenData> strictUpdates = null;
        if (strict.message() instanceof TokenBatchMessage batch) {
            strictUpdates = batch.updates();
        } else if (strict.message() instanceof TokenUpdateMessage update) {
            strictUpdates = List.of(update.data());
        }
        if (strictUpdates != null) {
            assertThat(ingested.updates()).isEqualTo(strictUpdates);
            assertThat(ingested.rejected()).isEmpty();
            assertThat(ingested.requestSequence()).isEqualTo(strict.requestSequence());
        } else if (ingested.isSuccess()) {
            assertThat(ingested.rejected()).isNotEmpty();
        }
    }

    /** Message-level failures carry nothing; otherwise every entry is an update or a rejection, once, in order. */
    private static void assertConsistent(IngestDecodeResult result) {
        if (!result.isSuccess()) {
            assertThat(result.errorMessage()).isNotBlank();
            assertThat(result.updates()).isEmpty();
            assertThat(result.rejected()).isEmpty();
            return;
        }
        int entries = result.updates().size() + result.rejected().size();
        assertThat(entries).isBetween(1, 5);
        List<Integer> seen = new ArrayList<>();
        for (int index : result.updateIndexes()) {
            seen.add(index);
        }
        for (RejectedUpdate rejected : result.rejected()) {
            seen.add(rejected.index());
            assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(rejected.message()).isNotBlank();
        }
        assertThat(seen).doesNotHaveDuplicates().allMatch(index -> index >= 0 && index < entries);
        assertThat(result.updateIndexes()).isSorted();
        assertThat(result.rejected()).extracting(RejectedUpdate::index).isSorted();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', '-', '.', '0', 'e', ' ').map(c -> (byte) c.charValue()));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 100_000),
                interesting).as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> validInputs() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<String> pieceSequences() {
        return Arbitraries.of(JSON_PIECES).list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    private static List<byte[]> seedInputs() {
        String mixed = "[" + TOKEN + ",{\"address\":\"b\",\"price\":1},42,{\"volume\":[],\"address\":\"c\"}," + TOKEN + "]";
        List<String> json = List.of(
                "{\"type\":\"token_batch\",\"sequence\":1,\"timestamp\":2,\"data\":{\"count\":5,\"updates\":" + mixed + "}}",
                "{\"data\":{\"updates\":" + mixed + "},\"type\":\"token_batch\",\"sequence\":3}",
                "{\"type\":\"token_batch\",\"sequence\":4,\"data\":{\"updates\":[" + TOKEN + "," + TOKEN + "]}}",
                "{\"type\":\"token_update\",\"sequence\":5,\"data\":" + TOKEN + "}",
                "{\"count\":5,\"updates\":" + mixed + "}",
                "{\"updates\":[" + TOKEN + "]}");
        List<byte[]> inputs = new ArrayList<>();
        json.forEach(text -> inputs.add(text.getBytes(StandardCharsets.UTF_8)));
        JsonCodec encoder = new JsonCodec();
        Samples.all().stream()
                .filter(message -> message instanceof TokenBatchMessage || message instanceof TokenUpdateMessage)
                .forEach(message -> inputs.add(encoder.encode(message)));
        return inputs;
    }
}
