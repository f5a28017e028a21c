package io.tokenfeed.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link JsonCodec#decodeIngest(byte[], int)} and {@link JsonCodec#decodeIngestBody(byte[], int)}: either a
 * message-level failure, or the entries of the message split into decoded updates and rejected entries.
 *
 * <p>On a message-level failure {@code error} and {@code errorMessage} are set and the lists are empty: nothing of
 * the message may be applied. Otherwise {@code error} is null, {@code updates.get(i)} came from entry
 * {@code updateIndexes[i]} of the message (0 for a {@code token_update}), and {@code rejected} holds the entries whose
 * shape was wrong; together they cover every entry exactly once, each list in entry order.
 *
 * <p>{@code updateIndexes} is shared, not copied: do not modify it. {@link #equals(Object)} compares its content.
 *
 * @param error why the whole message was refused, null on success
 * @param errorMessage human readable reason naming the offending field, null on success
 * @param requestSequence the envelope {@code sequence} when it could be read, else {@code -1}; set on failure too, so
 *     that the error response can echo it as {@code requestSequence} ({@code -1} for an HTTP body)
 * @param updates the entries that decoded, in entry order; empty on failure
 * @param updateIndexes for each of {@code updates}, its index in the message; empty on failure
 * @param rejected the entries that did not decode, with their index, in entry order; empty on failure
 */
public record IngestDecodeResult(ErrorCode error, String errorMessage, long requestSequence, List<TokenData> updates,
                                 int[] updateIndexes, List<RejectedUpdate> rejected) {
    private static final int[] NO_INDEXES = new int[0];

    /** Checks the invariants above, so that a result is consistent wherever it was built. */
    public IngestDecodeResult {
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(updateIndexes, "updateIndexes");
        Objects.requireNonNull(rejected, "rejected");
        if (updates.size() != updateIndexes.length) {
            throw new IllegalArgumentException("updates and updateIndexes must have the same length");
        }
        if (error != null && (!updates.isEmpty() || !rejected.isEmpty())) {
            throw new IllegalArgumentException("a failed result carries no entries");
        }
        if ((error == null) != (errorMessage == null)) {
            throw new IllegalArgumentException("errorMessage must be set exactly when error is");
        }
    }

    /**
     * @param requestSequence envelope sequence, {@code -1} when absent
     * @param updates the decoded entries, in entry order; kept, not copied
     * @param updateIndexes the index of each decoded entry; kept, not copied
     * @param rejected the entries that did not decode, in entry order; kept, not copied
     * @return a successful result, its lists read-only views
     */
    public static IngestDecodeResult success(long requestSequence, List<TokenData> updates, int[] updateIndexes,
                                             List<RejectedUpdate> rejected) {
        return new IngestDecodeResult(null, null, requestSequence, Collections.unmodifiableList(updates), updateIndexes,
                Collections.unmodifiableList(rejected));
    }

    /**
     * @param error the error code to answer with
     * @param errorMessage reason naming the offending field
     * @param requestSequence envelope sequence, {@code -1} when unknown
     * @return a failed result with no entries
     */
    public static IngestDecodeResult failure(ErrorCode error, String errorMessage, long requestSequence) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
        return new IngestDecodeResult(error, errorMessage, requestSequence, List.of(), NO_INDEXES, List.of());
    }

    /**
     * @return true when the message was readable as a whole, even if every entry was rejected
     */
    public boolean isSuccess() {
        return error == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IngestDecodeResult that
                && error == that.error
                && Objects.equals(errorMessage, that.errorMessage)
                && requestSequence == that.requestSequence
                && updates.equals(that.updates)
                && Arrays.equals(updateIndexes, that.updateIndexes)
                && rejected.equals(that.rejected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, errorMessage, requestSequence, updates, Arrays.hashCode(updateIndexes), rejected);
    }

    @Override
    public String toString() {
        return "IngestDecodeResult[error=" + error + ", errorMessage=" + errorMessage + ", requestSequence="
                + requestSequence + ", updates=" + updates + ", updateIndexes=" + Arrays.toString(updateIndexes)
                + ", rejected=" + rejected + ']';
    }
}
