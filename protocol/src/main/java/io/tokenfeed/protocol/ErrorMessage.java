package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * {@code error} (protocol.md §3, codes in §7). The optional {@code data.details} object of the protocol is not
 * modelled: it is skipped on input and never written.
 *
 * @param sequence server sequence, {@code -1} when absent
 * @param timestamp epoch milliseconds, {@code -1} when absent
 * @param code the error code
 * @param message human readable text, null when absent
 * @param level severity; null means {@code code.defaultLevel()}
 * @param requestSequence {@code sequence} of the client message that caused it, {@code -1} when none
 * @param retryAfterMs how long the client should wait before retrying, {@code -1} when absent
 */
public record ErrorMessage(long sequence, long timestamp, ErrorCode code, String message, ErrorLevel level,
                           long requestSequence, long retryAfterMs) implements Message {
    /** A null level becomes {@code code.defaultLevel()}: senders name a level only when they differ from it. */
    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        level = level == null ? code.defaultLevel() : level;
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
