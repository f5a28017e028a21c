package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.TokenData;

/**
 * One update waiting to be sent or acknowledged.
 *
 * @param data the update
 * @param call the call it belongs to
 * @param index its position in the call
 */
record PendingUpdate(TokenData data, PublishCall call, int index)
{
}
