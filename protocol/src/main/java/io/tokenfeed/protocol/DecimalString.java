package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * Validation of decimal strings (prices, amounts): {@code ^(0|[1-9][0-9]*)(\.[0-9]+)?$}, at most
 * {@value #MAX_LENGTH} characters (protocol.md §4). Hand-written, no regex and no allocation: it runs for
 * four fields of every ingested update.
 */
public final class DecimalString {
    /** Longest accepted decimal string. */
    public static final int MAX_LENGTH = 64;

    private DecimalString() {
    }

    /**
     * @param s candidate, may be null
     * @return true when {@code s} is a valid decimal string
     */
    public static boolean isValid(CharSequence s) {
        if (s == null) {
            return false;
        }
        int length = s.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        int i = integerPartEnd(s.charAt(0), s, length);
        if (i < 0) {
            return false;
        }
        if (i == length) {
            return true;
        }
        if (s.charAt(i) != '.' || i + 1 == length) {
            return false;
        }
        for (i++; i < length; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bytes ASCII (or UTF-8) bytes
     * @param offset first byte of the candidate
     * @param length number of bytes of the candidate
     * @return true when the bytes spell a valid decimal string
     * @throws IndexOutOfBoundsException when the range is outside {@code bytes}
     */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        int end = offset + length;
        int i = offset + 1;
        byte first = bytes[offset];
        if (first >= '1' && first <= '9') {
            while (i < end && isDigit(bytes[i])) {
                i++;
            }
        } else if (first != '0') {
            return false;
        }
        if (i == end) {
            return true;
        }
        if (bytes[i] != '.' || i + 1 == end) {
            return false;
        }
        for (i++; i < end; i++) {
            if (!isDigit(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    // Returns the index after the integer part, or -1 when it is not "0" or "[1-9][0-9]*".
    private static int integerPartEnd(char first, CharSequence s, int length) {
        if (first == '0') {
            return 1;
        }
        if (first < '1' || first > '9') {
            return -1;
        }
        int i = 1;
        while (i < length && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
