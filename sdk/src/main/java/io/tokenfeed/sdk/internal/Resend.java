package io.tokenfeed.sdk.internal;

import java.util.List;

/**
 * Updates to send again, before anything newer: their message was not answered before the connection dropped, or was
 * answered {@code OVERLOADED} or {@code INTERNAL_ERROR}.
 *
 * @param updates the message's updates, in order
 * @param internalErrors how many times they were answered {@code INTERNAL_ERROR} so far (resends are capped)
 */
record Resend(List<PendingUpdate> updates, int internalErrors)
{
}
