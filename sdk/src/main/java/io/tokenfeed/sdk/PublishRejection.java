package io.tokenfeed.sdk;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.TokenData;

/**
 * One update of a {@code publish} call that the server did not apply.
 *
 * @param index the update's position in the call (0 for {@code publish(update)})
 * @param update the update as published
 * @param code why ({@code INVALID_TOKEN_ADDRESS}, {@code INVALID_DECIMAL}, {@code INVALID_MESSAGE}, {@code OVERLOADED}
 *     when the server's token registry is full, ...)
 * @param message the server's words
 */
public record PublishRejection(int index, TokenData update, ErrorCode code, String message)
{
}
