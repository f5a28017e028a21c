package io.tokenfeed.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecFuzzTest {
    private static final List<byte[]> VALID = encodedSamples();
    private static final String[] JSON_PIECES = {
        "{", "}", "[", "]", ":", ",", "\"type\"", "\"data\"", "\"sequence\"", "\"tokens\"", "\"action\"", "\"updates\"",
        "\"ping\"", "\"subscription\"", "\"token_batch\"", "\"ack\"", "\"subscribe\"", "0", "1", "-1", "1.5", "1e9",
        "null", "true", "false", "\"", "\\", "\\u", "\"a\"", " ", "\n", "99999999999999999999", "\u00e9", "tru",
    };

    private final JsonCodec codec = new JsonCodec(5, 5);

    @Property
    void shouldNeverThrowWhenBytesAreArbitrary(@ForAll @Size(max = 200) byte[] bytes) {
        assertDecodesWithoutThrowing(bytes);
    }

    @Property
    void shouldNeverThrowWhenJsonPiecesAreShuffled(@ForAll("pieceSequences") String json) {
        assertDecodesWithoutThrowing(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void shouldNeverThrowWhenValidMessageIsMutated(@ForAll("validMessages") byte[] valid,
                                                   @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = valid;
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        assertDecodesWithoutThrowing(bytes);
    }

    @Property
    void shouldRoundTripWhenTokenDataHoldsArbitraryStrings(@ForAll("text") String address, @ForAll("text") String price,
                                                           @ForAll("text") String h1, @ForAll long version,
                                                           @ForAll boolean snapshot) {
        TokenData data = new TokenData(address, price, "1", new Volume("0", h1, "2"), 5, Math.max(-1, version), snapshot,
                !snapshot);
        Message message = new TokenBatchMessage(1, 2, List.of(data, data));

        assertThat(codec.decode(codec.encode(message)).message()).isEqualTo(message);
    }

    private void assertDecodesWithoutThrowing(byte[] bytes) {
        DecodeResult result = codec.decode(bytes, bytes.length);

        assertThat(result.isSuccess()).isEqualTo(result.error() == null);
        if (result.isSuccess()) {
            // Whatever was accepted must encode, and encoding must be stable from then on (lone surrogates are
            // replaced on the first encode, so the first decoded message may differ from the second).
            byte[] encoded = codec.encode(result.message());
            DecodeResult again = codec.decode(encoded);
            assertThat(again.isSuccess()).isTrue();
            assertThat(codec.encode(again.message())).isEqualTo(encoded);
        } else {
            assertThat(result.errorMessage()).isNotBlank();
        }
    }

    /** kind 0 replaces, 1 deletes, 2 inserts, 3 truncates, 4 duplicates a slice. */
    record Mutation(int kind, int position, byte value) {
        byte[] apply(byte[] in) {
            int at = in.length == 0 ? 0 : Math.floorMod(position, in.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 8);
            switch (kind) {
                case 0 -> {
                    byte[] copy = in.clone();
                    if (copy.length > 0) {
                        copy[at] = value;
                    }
                    return copy;
                }
                case 1 -> {
                    out.write(in, 0, at);
                    out.write(in, Math.min(at + 1, in.length), in.length - Math.min(at + 1, in.length));
                }
                case 2 -> {
                    out.write(in, 0, at);
                    out.write(value);
                    out.write(in, at, in.length - at);
                }
                case 3 -> out.write(in, 0, at);
                default -> {
                    out.write(in, 0, at);
                    out.write(in, 0, in.length);
                    out.write(in, at, in.length - at);
                }
            }
            return out.toByteArray();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', '-', '.', '0', 'e', ' ').map(c -> (byte) c.charValue()));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 100_000),
                interesting).as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> validMessages() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<String> pieceSequences() {
        return Arbitraries.of(JSON_PIECES).list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\ufffd').ofMaxLength(20);
    }

    private static List<byte[]> encodedSamples() {
        JsonCodec encoder = new JsonCodec();
        return Samples.all().stream().map(encoder::encode).toList();
    }
}
