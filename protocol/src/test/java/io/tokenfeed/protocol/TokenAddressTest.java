package io.tokenfeed.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class TokenAddressTest {
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final String BASE58 = TokenAddress.BASE58_ALPHABET;

    @Property
    void shouldReturnLowerCaseWhenEvmAddressHasRandomCase(@ForAll("mixedCaseHex40") String digits,
                                                          @ForAll boolean upperPrefix) {
        String raw = (upperPrefix ? "0X" : "0x") + digits;

        String canonical = TokenAddress.canonicalize(raw);

        assertThat(canonical).isEqualTo("0x" + digits.toLowerCase());
        assertThat(TokenAddress.isValid(raw)).isTrue();
    }

    @Property
    void shouldReturnSameInstanceWhenEvmAddressIsAlreadyCanonical(@ForAll("mixedCaseHex40") String digits) {
        String raw = "0x" + digits.toLowerCase();

        assertThat(TokenAddress.canonicalize(raw)).isSameAs(raw);
    }

    @Property
    void shouldRejectWhenEvmAddressHasWrongLength(@ForAll("mixedCaseHex40") String digits,
                                                  @ForAll @IntRange(min = 0, max = 60) int length) {
        String hex = (digits + digits).substring(0, length);
        String raw = "0x" + hex;

        assertThat(TokenAddress.canonicalize(raw)).isEqualTo(length == 40 ? "0x" + hex.toLowerCase() : null);
    }

    @Property
    void shouldRejectWhenEvmAddressHasNonHexDigit(@ForAll("mixedCaseHex40") String digits,
                                                  @ForAll @IntRange(min = 0, max = 39) int position,
                                                  @ForAll("nonHexChar") char bad) {
        String raw = "0x" + digits.substring(0, position) + bad + digits.substring(position + 1);

        assertThat(TokenAddress.canonicalize(raw)).isNull();
        assertThat(TokenAddress.isValid(raw)).isFalse();
    }

    @Property
    void shouldReturnSameInstanceWhenSolanaAddressIsValid(@ForAll("solana") String raw) {
        assertThat(TokenAddress.canonicalize(raw)).isSameAs(raw);
        assertThat(TokenAddress.isValid(raw)).isTrue();
    }

    @Property
    void shouldRejectWhenSolanaAddressHasExcludedChar(@ForAll("solana") String valid,
                                                      @ForAll @IntRange(min = 1, max = 43) int position,
                                                      @ForAll("excludedFromBase58") char bad) {
        int at = Math.min(position, valid.length() - 1);
        String raw = valid.substring(0, at) + bad + valid.substring(at + 1);

        assertThat(TokenAddress.canonicalize(raw)).isNull();
        assertThat(TokenAddress.isValid(raw)).isFalse();
    }

    @Property
    void shouldRejectWhenSolanaAddressHas31Or45Chars(@ForAll("base58Chars") String chars, @ForAll boolean shortOne) {
        String raw = shortOne ? chars.substring(0, 31) : chars.substring(0, 45);

        assertThat(TokenAddress.canonicalize(raw)).isNull();
        assertThat(TokenAddress.isValid(raw)).isFalse();
    }

    @Property
    void shouldBeIdempotentWhenCanonicalizingAnyString(@ForAll("addressLike") String raw) {
        String once = TokenAddress.canonicalize(raw);

        assertThat(TokenAddress.isValid(raw)).isEqualTo(once != null);
        if (once != null) {
            assertThat(TokenAddress.canonicalize(once)).isSameAs(once);
        }
    }

    @Property
    void shouldAgreeWithStringWhenInputIsStringBuilder(@ForAll("addressLike") String raw) {
        assertThat(TokenAddress.canonicalize(new StringBuilder(raw))).isEqualTo(TokenAddress.canonicalize(raw));
    }

    @Example
    void shouldRejectWhenInputIsNullOrEmptyOrNonAscii() {
        assertThat(TokenAddress.canonicalize(null)).isNull();
        assertThat(TokenAddress.canonicalize("")).isNull();
        assertThat(TokenAddress.canonicalize("So11111111111111111111111111111111111111112é")).isNull();
        assertThat(TokenAddress.canonicalize("0x" + "a".repeat(39) + "\u0661")).isNull();
        assertThat(TokenAddress.isValid(null)).isFalse();
    }

    @Example
    void shouldAcceptWhenAddressesAreWellKnown() {
        assertThat(TokenAddress.canonicalize("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"))
                .isEqualTo("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
        assertThat(TokenAddress.canonicalize("So11111111111111111111111111111111111111112"))
                .isEqualTo("So11111111111111111111111111111111111111112");
        assertThat(TokenAddress.canonicalize("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"))
                .isEqualTo("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
    }

    @Provide
    Arbitrary<String> mixedCaseHex40() {
        return Arbitraries.strings().withChars(HEX).ofLength(40);
    }

    @Provide
    Arbitrary<Character> nonHexChar() {
        return Arbitraries.chars().range('!', '~').filter(c -> HEX.indexOf(c) < 0);
    }

    @Provide
    Arbitrary<String> solana() {
        return Arbitraries.strings().withChars(BASE58).ofMinLength(32).ofMaxLength(44);
    }

    @Provide
    Arbitrary<String> base58Chars() {
        return Arbitraries.strings().withChars(BASE58).ofLength(45);
    }

    @Provide
    Arbitrary<Character> excludedFromBase58() {
        return Arbitraries.of('0', 'O', 'I', 'l');
    }

    @Provide
    Arbitrary<String> addressLike() {
        Arbitrary<String> evm = Combinators.combine(Arbitraries.of("0x", "0X", "0", "x0", ""),
                        Arbitraries.strings().withChars(HEX + "gxOIl").ofMinLength(38).ofMaxLength(42))
                .as((prefix, digits) -> prefix + digits);
        Arbitrary<String> solanaLike = Arbitraries.strings().withChars(BASE58 + "0OIl+/ ").ofMinLength(30).ofMaxLength(46);
        return Arbitraries.oneOf(evm, solanaLike, Arbitraries.strings().ofMaxLength(50));
    }
}
