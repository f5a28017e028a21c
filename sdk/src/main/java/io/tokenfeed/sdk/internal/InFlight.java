package io.tokenfeed.sdk.internal;

import java.util.List;

/**
 * A message sent and not answered yet.
 *
 * @param sequence its client {@code sequence}, echoed by the answer
 * @param updates what it carried, in order (index i of the message is {@code updates.get(i)})
 * @param internalErrors how many times these updates were answered {@code INTERNAL_ERROR} before
 */
record InFlight(long sequence, List<PendingUpdate> updates, int internalErrors)
{
}
