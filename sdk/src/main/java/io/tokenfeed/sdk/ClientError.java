package io.tokenfeed.sdk;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;

/**
 * Something went wrong that the application may want to know about; the client handles it by itself (reconnects,
 * re-subscribes, resends) unless its state became {@link ConnectionState#FAILED}.
 *
 * @param code the server's error code, null when the problem was found by the client (a connection failure, a message
 *     it could not read, a listener that threw)
 * @param level the server's level, null when {@code code} is
 * @param message what happened
 * @param retryAfterMs the server's {@code retryAfterMs}, -1 when it sent none
 * @param cause the exception behind it, null when none
 */
public record ClientError(ErrorCode code, ErrorLevel level, String message, long retryAfterMs, Throwable cause)
{
    /**
     * @param error an {@code error} message from the server
     * @return it as a client error
     */
    public static ClientError fromServer(final ErrorMessage error)
    {
        return new ClientError(error.code(), error.level(), error.message(), error.retryAfterMs(), null);
    }

    /**
     * @param message what the client found
     * @param cause the exception behind it, may be null
     * @return a client-side error
     */
    public static ClientError local(final String message, final Throwable cause)
    {
        return new ClientError(null, null, message, -1, cause);
    }
}
