package io.tokenfeed.protocol;

/**
 * Why a message was refused. Internal to decoding: {@link JsonCodec} turns it into a {@link DecodeResult}, so it
 * never reaches callers. Stackless, because bad client input is expected, not a bug.
 */
final class DecodeException extends Exception {
    private final ErrorCode code;
    private final boolean fieldPath;

    private DecodeException(ErrorCode code, String message, boolean fieldPath) {
        super(message, null, false, false);
        this.code = code;
        this.fieldPath = fieldPath;
    }

    /** A field-level problem; the message starts with the field name relative to the object being read. */
    static DecodeException field(String message) {
        return new DecodeException(ErrorCode.INVALID_MESSAGE, message, true);
    }

    /** Like {@link #field(String)} with a code other than INVALID_MESSAGE. */
    static DecodeException field(ErrorCode code, String message) {
        return new DecodeException(code, message, true);
    }

    /** A problem of the whole message; the message is final. */
    static DecodeException message(ErrorCode code, String message) {
        return new DecodeException(code, message, false);
    }

    static DecodeException malformed(int position) {
        return message(ErrorCode.INVALID_MESSAGE, "malformed JSON at byte " + position);
    }

    ErrorCode code() {
        return code;
    }

    /** True when the message starts with a field name, so that {@link #prefixed(String)} adds a path to it. */
    boolean isFieldPath() {
        return fieldPath;
    }

    /**
     * Outer readers add their own path ("data.", "updates[3].") on the way up, so inner readers need not know
     * where they are and the happy path builds no names.
     */
    DecodeException prefixed(String prefix) {
        return fieldPath ? new DecodeException(code, prefix + getMessage(), true) : this;
    }
}
