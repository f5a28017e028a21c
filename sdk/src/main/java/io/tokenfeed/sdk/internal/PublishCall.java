package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.PublishRejection;
import io.tokenfeed.sdk.PublishResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code publish} call: its future completes once every one of its updates is settled (acknowledged or rejected),
 * whatever messages carried them. Settled on the client thread only; the future is completed there too, so a
 * non-async callback on it runs on the client thread.
 */
public final class PublishCall
{
    private final CompletableFuture<PublishResult> future = new CompletableFuture<>();
    private final int size;
    private final Runnable onDone;
    private final List<PublishRejection> rejected = new ArrayList<>(0);
    private final List<IngestAckMessage> acks = new ArrayList<>(1);
    private int acknowledged;
    private int settled;

    /**
     * @param size the call's number of updates
     * @param onDone run once when the call completes or fails (returns its room in the publisher's buffer)
     */
    public PublishCall(final int size, final Runnable onDone)
    {
        this.size = size;
        this.onDone = onDone;
    }

    /**
     * @return the application's future
     */
    public CompletableFuture<PublishResult> future()
    {
        return future;
    }

    void acknowledged(final IngestAckMessage ack)
    {
        acknowledged++;
        settle(ack);
    }

    void rejected(final int index, final TokenData update, final ErrorCode code, final String message, final IngestAckMessage ack)
    {
        rejected.add(new PublishRejection(index, update, code, message));
        settle(ack);
    }

    /**
     * Fails the call (the client closed or failed first); nothing if it is complete already.
     *
     * @param error why
     */
    public void fail(final Throwable error)
    {
        if (!future.isDone() && future.completeExceptionally(error))
        {
            onDone.run();
        }
    }

    private void settle(final IngestAckMessage ack)
    {
        if (ack != null && (acks.isEmpty() || acks.get(acks.size() - 1) != ack))
        {
            acks.add(ack);
        }
        settled++;
        if (settled == size && !future.isDone())
        {
            // The budget first: a callback on the future may publish again at once.
            onDone.run();
            future.complete(new PublishResult(acknowledged, rejected, acks));
        }
    }
}
