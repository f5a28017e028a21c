package io.tokenfeed.sdk.internal;

import java.util.List;

/**
 * A message sent and not answered yet.
 *
 * @param sequence its client {@code sequence}, echoed by the answer
 * @param updates what it carried, in order (index i of the message is {@code updates.get(i)})
 */
record InFlight(long sequence, List<PendingUpdate> updates)
{
}
