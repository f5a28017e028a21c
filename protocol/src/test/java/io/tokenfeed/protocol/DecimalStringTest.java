package io.tokenfeed.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalStringTest {
    private static final Pattern DECIMAL = Pattern.compile("^(0|[1-9][0-9]*)(\\.[0-9]+)?$");

    @Property
    void shouldAcceptWhenDecimalIsGeneratedFromTheGrammar(@ForAll("validDecimals") String decimal) {
        assertThat(DecimalString.isValid(decimal)).isTrue();
        assertThat(isValidAsBytes(decimal, 0, 0)).isTrue();
    }

    @Property
    void shouldMatchRegexWhenStringIsArbitrary(@ForAll("decimalAlphabet") String s,
                                               @ForAll @IntRange(min = 0, max = 3) int padding) {
        boolean expected = s.length() <= DecimalString.MAX_LENGTH && DECIMAL.matcher(s).matches();

        assertThat(DecimalString.isValid(s)).isEqualTo(expected);
        assertThat(isValidAsBytes(s, padding, padding)).isEqualTo(expected);
    }

    @Example
    void shouldRejectWhenDecimalIsMalformed() {
        for (String bad : new String[] {"01", "00", "-1", "1.", ".5", "1e5", " 1", "1 ", "", "1.2.3", "+1", "0x1", "1,5",
            "١", "1.5e"}) {
            assertThat(DecimalString.isValid(bad)).as(bad).isFalse();
            assertThat(isValidAsBytes(bad, 1, 2)).as(bad).isFalse();
        }
        assertThat(DecimalString.isValid(null)).isFalse();
    }

    @Example
    void shouldRejectWhenLongerThan64Chars() {
        String max = "1" + "0".repeat(63);
        String tooLong = "1" + "0".repeat(64);
        String longFraction = "0." + "1".repeat(63);

        assertThat(DecimalString.isValid(max)).isTrue();
        assertThat(DecimalString.isValid(tooLong)).isFalse();
        assertThat(isValidAsBytes(tooLong, 0, 0)).isFalse();
        assertThat(DecimalString.isValid(longFraction)).isFalse();
        assertThat(DecimalString.isValid(longFraction.substring(0, 64))).isTrue();
    }

    @Example
    void shouldAcceptWhenDecimalIsCanonicalExample() {
        for (String good : new String[] {"0", "0.0", "1.2345", "123456789.00", "1000.5", "10", "0.000001"}) {
            assertThat(DecimalString.isValid(good)).as(good).isTrue();
        }
    }

    private static boolean isValidAsBytes(String s, int before, int after) {
        byte[] ascii = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[before + ascii.length + after];
        java.util.Arrays.fill(padded, (byte) '7');
        System.arraycopy(ascii, 0, padded, before, ascii.length);
        return DecimalString.isValid(padded, before, ascii.length);
    }

    @Provide
    Arbitrary<String> validDecimals() {
        // At most 1 + 30 + 1 + 32 = 64 characters: the longest valid decimal.
        Arbitrary<String> integer = Arbitraries.oneOf(Arbitraries.just("0"),
                Combinators.combine(Arbitraries.chars().range('1', '9'),
                        Arbitraries.strings().numeric().ofMaxLength(30)).as((first, rest) -> first + rest));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(32).map(digits -> "." + digits));
        return Combinators.combine(integer, fraction).as(String::concat);
    }

    @Provide
    Arbitrary<String> decimalAlphabet() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.-e ").ofMaxLength(70),
                Arbitraries.strings().withChars("0123456789.").ofMinLength(60).ofMaxLength(70),
                validDecimals());
    }
}
