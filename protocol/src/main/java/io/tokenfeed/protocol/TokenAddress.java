package io.tokenfeed.protocol;

/**
 * Token address validation and canonical form (protocol.md §4). Hand-written scanning, no regex: this runs
 * once per token of every subscribe request and every ingested update.
 *
 * <ul>
 *   <li>EVM: {@code 0x} followed by exactly 40 hex digits, case-insensitive; canonical form is all lower case.</li>
 *   <li>Solana: 32 to 44 base58 characters, case-sensitive; canonical form is the input itself.</li>
 * </ul>
 */
public final class TokenAddress {
    /** Longest valid address (Solana). */
    public static final int MAX_LENGTH = 44;
    /** Length of an EVM address including {@code 0x}. */
    public static final int EVM_LENGTH = 42;
    /** Shortest valid Solana address. */
    public static final int SOLANA_MIN_LENGTH = 32;
    /** The base58 alphabet: no {@code 0}, {@code O}, {@code I}, {@code l}. */
    public static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    // Results of scanning the 40 digits of an EVM address.
    private static final int INVALID = -1;
    private static final int CANONICAL = 0;
    private static final int NEEDS_LOWER_CASE = 1;

    private static final boolean[] BASE58 = new boolean[128];

    static {
        for (int i = 0; i < BASE58_ALPHABET.length(); i++) {
            BASE58[BASE58_ALPHABET.charAt(i)] = true;
        }
    }

    private TokenAddress() {
    }

    /**
     * @param raw address as sent, may be null
     * @return the canonical address, or null when invalid; when {@code raw} is a String that is already
     *     canonical the same instance is returned, so the common case allocates nothing
     */
    public static String canonicalize(CharSequence raw) {
        if (raw == null) {
            return null;
        }
        int length = raw.length();
        if (isEvmPrefixed(raw, length)) {
            return canonicalEvm(raw);
        }
        return isSolana(raw, length) ? raw.toString() : null;
    }

    /**
     * @param raw address as sent, may be null
     * @return true when {@link #canonicalize(CharSequence)} would return non-null; never allocates
     */
    public static boolean isValid(CharSequence raw) {
        if (raw == null) {
            return false;
        }
        int length = raw.length();
        if (isEvmPrefixed(raw, length)) {
            return evmDigits(raw) != INVALID;
        }
        return isSolana(raw, length);
    }

    // '0' is not base58, so a 42-character "0x..." string can only ever be an EVM address.
    private static boolean isEvmPrefixed(CharSequence raw, int length) {
        return length == EVM_LENGTH && raw.charAt(0) == '0' && (raw.charAt(1) | 0x20) == 'x';
    }

    private static int evmDigits(CharSequence raw) {
        int result = raw.charAt(1) == 'x' ? CANONICAL : NEEDS_LOWER_CASE;
        for (int i = 2; i < EVM_LENGTH; i++) {
            char c = raw.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                continue;
            }
            if (c >= 'A' && c <= 'F') {
                result = NEEDS_LOWER_CASE;
            } else {
                return INVALID;
            }
        }
        return result;
    }

    private static String canonicalEvm(CharSequence raw) {
        int digits = evmDigits(raw);
        if (digits == INVALID) {
            return null;
        }
        if (digits == CANONICAL) {
            return raw.toString();
        }
        char[] lower = new char[EVM_LENGTH];
        for (int i = 0; i < EVM_LENGTH; i++) {
            char c = raw.charAt(i);
            lower[i] = c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
        }
        return new String(lower);
    }

    private static boolean isSolana(CharSequence raw, int length) {
        if (length < SOLANA_MIN_LENGTH || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c >= 128 || !BASE58[c]) {
                return false;
            }
        }
        return true;
    }
}
