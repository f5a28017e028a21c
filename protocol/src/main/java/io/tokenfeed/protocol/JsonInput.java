package io.tokenfeed.protocol;

import com.dslplatform.json.JsonReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict, typed reads over dsl-json's {@link JsonReader}. Convention: before a value is read, the reader's
 * {@code last()} byte is the value's first byte; after it, the next {@code getNextToken()} yields the byte that
 * follows the value. Not thread-safe.
 */
final class JsonInput {
    /** Nesting allowed inside a skipped (unknown) value; deeper input is refused instead of recursing further. */
    static final int MAX_SKIP_DEPTH = 64;

    private static final byte[] NO_BYTES = new byte[1];

    private final JsonReader<Object> reader;
    private byte[] bytes = NO_BYTES;
    private int length;

    JsonInput(JsonReader<Object> reader) {
        this.reader = reader;
    }

    /** Starts reading {@code bytes[0, length)} from the beginning. */
    void reset(byte[] input, int inputLength) {
        bytes = input;
        length = inputLength;
        reader.process(input, inputLength);
    }

    /**
     * Starts reading a whole message: blank input is "message is empty", anything but an object "message must be
     * a JSON object". On return the reader is inside the object, before its first key.
     */
    void openMessage(byte[] input, int inputLength) throws IOException, DecodeException {
        reset(input, inputLength);
        if (isBlank()) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "message is empty");
        }
        enterObject("message");
    }

    /** As {@link #openMessage} for a bare HTTP body, where anything but an object is "body must be a JSON object". */
    void openBody(byte[] input, int inputLength) throws IOException, DecodeException {
        reset(input, inputLength);
        enterObject("body");
    }

    /** Refuses anything but JSON whitespace after the value just read. */
    void requireEnd() throws DecodeException {
        if (!isBlankAfterValue()) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "unexpected content after the JSON object");
        }
    }

    private void enterObject(String what) throws IOException, DecodeException {
        if (!startsWithObject()) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE, what + " must be a JSON object");
        }
        next();
    }

    /** Drops the reference to the caller's buffer, which may be pooled. */
    void release() {
        bytes = NO_BYTES;
        length = 0;
        reader.process(NO_BYTES, 0);
    }

    int position() {
        return reader.getCurrentIndex();
    }

    byte last() {
        return reader.last();
    }

    byte next() throws IOException {
        return reader.getNextToken();
    }

    private boolean isBlank() {
        return isBlank(0);
    }

    /**
     * True when the first byte after JSON whitespace is '{'. Checked on the bytes because dsl-json also skips
     * a few non-JSON spaces (form feed, NBSP) that the trailing check would refuse.
     */
    boolean startsWithObject() {
        for (int i = 0; i < length; i++) {
            if (!isWhitespace(bytes[i])) {
                return bytes[i] == '{';
            }
        }
        return false;
    }

    /** True when nothing but JSON whitespace follows the current position. */
    private boolean isBlankAfterValue() {
        return isBlank(reader.getCurrentIndex());
    }

    private boolean isBlank(int from) {
        for (int i = from; i < length; i++) {
            if (!isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** On '{': the first key, the reader left on its value's first byte; null for an empty object. */
    String firstKey() throws IOException, DecodeException {
        byte token = reader.getNextToken();
        return token == '}' ? null : key(token);
    }

    /** After a value: the next key of the object, or null at its end. */
    String nextKey() throws IOException, DecodeException {
        byte token = reader.getNextToken();
        if (token == '}') {
            return null;
        }
        if (token != ',') {
            throw malformed();
        }
        return key(reader.getNextToken());
    }

    private String key(byte token) throws IOException, DecodeException {
        if (token != '"') {
            throw malformed();
        }
        return reader.readKey();
    }

    /** On '[': true when the array has an element, the reader left on its first byte. */
    boolean firstElement() throws IOException {
        return reader.getNextToken() != ']';
    }

    /** After an element: true when another follows, the reader left on its first byte. */
    boolean nextElement() throws IOException, DecodeException {
        byte token = reader.getNextToken();
        if (token == ']') {
            return false;
        }
        if (token != ',') {
            throw malformed();
        }
        reader.getNextToken();
        return true;
    }

    void requireObject(String field) throws DecodeException {
        if (reader.last() != '{') {
            throw DecodeException.field(field + " must be an object");
        }
    }

    String string(String field) throws IOException, DecodeException {
        if (reader.last() != '"') {
            throw DecodeException.field(field + " must be a string");
        }
        return reader.readString();
    }

    boolean bool(String field) throws IOException, DecodeException {
        byte token = reader.last();
        if (token == 't' && reader.wasTrue()) {
            return true;
        }
        if (token == 'f' && reader.wasFalse()) {
            return false;
        }
        throw DecodeException.field(field + " must be a boolean");
    }

    long nonNegativeLong(String field) throws DecodeException {
        byte token = reader.last();
        if (token != '-' && (token < '0' || token > '9')) {
            throw notNonNegativeInteger(field);
        }
        int start = reader.scanNumber();
        long value = parseNonNegative(bytes, start, trimEnd(start, reader.getCurrentIndex()));
        if (value < 0) {
            throw notNonNegativeInteger(field);
        }
        return value;
    }

    int nonNegativeInt(String field) throws DecodeException {
        long value = nonNegativeLong(field);
        if (value > Integer.MAX_VALUE) {
            throw DecodeException.field(field + " must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * Reads an array of strings, refusing it as soon as it has more than {@code maxEntries}, so an oversized
     * array is never materialised.
     */
    List<String> strings(String field, int maxEntries) throws IOException, DecodeException {
        if (reader.last() != '[') {
            throw DecodeException.field(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        if (firstElement()) {
            do {
                if (values.size() == maxEntries) {
                    throw DecodeException.field(field + " has more than " + maxEntries + " entries");
                }
                if (reader.last() != '"') {
                    throw DecodeException.field(field + " must be an array of strings");
                }
                values.add(reader.readString());
            } while (nextElement());
        }
        return values;
    }

    /** Skips any JSON value, checking its syntax without allocating. */
    void skipValue() throws IOException, DecodeException {
        skip(0);
    }

    private void skip(int depth) throws IOException, DecodeException {
        switch (reader.last()) {
            case '"' -> skipString();
            case '{' -> skipObject(depth + 1);
            case '[' -> skipArray(depth + 1);
            case 't' -> reader.wasTrue();
            case 'f' -> reader.wasFalse();
            case 'n' -> reader.wasNull();
            default -> skipNumber();
        }
    }

    private void skipObject(int depth) throws IOException, DecodeException {
        checkDepth(depth);
        byte token = reader.getNextToken();
        if (token == '}') {
            return;
        }
        while (true) {
            if (token != '"') {
                throw malformed();
            }
            skipString();
            if (reader.getNextToken() != ':') {
                throw malformed();
            }
            reader.getNextToken();
            skip(depth);
            token = reader.getNextToken();
            if (token == '}') {
                return;
            }
            if (token != ',') {
                throw malformed();
            }
            token = reader.getNextToken();
        }
    }

    private void skipArray(int depth) throws IOException, DecodeException {
        checkDepth(depth);
        if (!firstElement()) {
            return;
        }
        do {
            skip(depth);
        } while (nextElement());
    }

    private void checkDepth(int depth) throws DecodeException {
        if (depth > MAX_SKIP_DEPTH) {
            throw DecodeException.message(ErrorCode.INVALID_MESSAGE,
                    "unknown field nested deeper than " + MAX_SKIP_DEPTH + " levels");
        }
    }

    private void skipString() throws IOException, DecodeException {
        byte b = reader.read();
        while (b != '"') {
            if (b == '\\') {
                b = reader.read();
                if (b == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(reader.read(), 16) < 0) {
                            throw malformed();
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(b) < 0) {
                    throw malformed();
                }
            }
            b = reader.read();
        }
    }

    private void skipNumber() throws DecodeException {
        byte token = reader.last();
        if (token != '-' && (token < '0' || token > '9')) {
            throw malformed();
        }
        int start = reader.scanNumber();
        if (!isJsonNumber(bytes, start, trimEnd(start, reader.getCurrentIndex()))) {
            throw malformed();
        }
    }

    DecodeException malformed() {
        return DecodeException.malformed(reader.getCurrentIndex());
    }

    private static DecodeException notNonNegativeInteger(String field) {
        return DecodeException.field(field + " must be a non-negative integer");
    }

    // scanNumber stops at the next ',', '}' or ']', so whitespace before it belongs to the scanned range.
    private int trimEnd(int start, int end) {
        int trimmed = end;
        while (trimmed > start && isWhitespace(bytes[trimmed - 1])) {
            trimmed--;
        }
        return trimmed;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Parses {@code 0|[1-9][0-9]*} within long range; -1 for anything else (fractions, exponents, signs). */
    static long parseNonNegative(byte[] b, int start, int end) {
        int digits = end - start;
        if (digits <= 0 || digits > 19 || (b[start] == '0' && digits > 1)) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        // 19 digits stay below 2^64, so an overflow wraps exactly once, to a negative value.
        return value < 0 ? -1 : value;
    }

    /** The JSON number grammar of RFC 8259. */
    static boolean isJsonNumber(byte[] b, int start, int end) {
        int i = start;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i >= end || !isDigit(b[i])) {
            return false;
        }
        i = b[i] == '0' ? i + 1 : digitsEnd(b, i, end);
        if (i < end && b[i] == '.') {
            int fraction = i + 1;
            i = digitsEnd(b, fraction, end);
            if (i == fraction) {
                return false;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponent = i;
            i = digitsEnd(b, exponent, end);
            if (i == exponent) {
                return false;
            }
        }
        return i == end;
    }

    private static int digitsEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && isDigit(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
