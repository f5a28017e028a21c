package io.tokenfeed.protocol;

/**
 * Outcome of {@link JsonCodec#decode(byte[], int)}: exactly one of {@code message} and {@code error} is set.
 *
 * @param message the decoded message, null on failure
 * @param error why decoding failed, null on success
 * @param errorMessage human readable reason naming the offending field, null on success
 * @param requestSequence the envelope {@code sequence} when it could be read, else {@code -1}; set on failure too,
 *     so that the error response can echo it as {@code requestSequence}
 */
public record DecodeResult(Message message, ErrorCode error, String errorMessage, long requestSequence) {
    /** Exactly one of message and error is set, so callers can branch on either. */
    public DecodeResult {
        if ((message == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of message and error must be set");
        }
    }

    /**
     * @param message the decoded message
     * @return a successful result echoing the message's sequence
     */
    public static DecodeResult success(Message message) {
        return new DecodeResult(message, null, null, message.sequence());
    }

    /**
     * @param error the error code to answer with
     * @param errorMessage reason naming the offending field
     * @param requestSequence envelope sequence, {@code -1} when unknown
     * @return a failed result
     */
    public static DecodeResult failure(ErrorCode error, String errorMessage, long requestSequence) {
        return new DecodeResult(null, error, errorMessage, requestSequence);
    }

    /**
     * @return true when {@link #message()} is set
     */
    public boolean isSuccess() {
        return message != null;
    }
}
