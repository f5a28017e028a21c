package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.PublishRejection;
import io.tokenfeed.sdk.PublishResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One {@code publish} call: its future completes once every one of its updates is settled (acknowledged or rejected),
 * whatever messages carried them. Settled on the client thread only; the future is completed there too, so a
 * non-async callback on it runs on the client thread.
 *
 * <p>The application gets a copy of the call's own future: whatever it does to it ({@code complete}, {@code cancel},
 * {@code orTimeout}) cannot touch the call's bookkeeping. The call's room in the publisher's buffer is returned exactly
 * once, when the call is settled or failed, whatever state the application's copy is in.
 */
public final class PublishCall
{
    private final CompletableFuture<PublishResult> result;
    private final CompletableFuture<PublishResult> application;
    private final int size;
    private final Runnable onDone;
    private final List<PublishRejection> rejected = new ArrayList<>(0);
    private final List<IngestAckMessage> acks = new ArrayList<>(1);
    private int acknowledged;
    private int settled;
    private boolean done;

    /**
     * @param size the call's number of updates
     * @param onDone run once when the call completes or fails (returns its room in the publisher's buffer)
     * @param onClientThread true on the thread that settles the call: waiting for the future there fails fast
     */
    public PublishCall(final int size, final Runnable onDone, final BooleanSupplier onClientThread)
    {
        this.size = size;
        this.onDone = onDone;
        this.result = new ClientThreadFuture<>(onClientThread);
        this.application = result.copy();
    }

    /**
     * A call whose future may be waited for on any thread (tests drive the session on their own thread).
     *
     * @param size the call's number of updates
     * @param onDone as for {@link #PublishCall(int, Runnable, BooleanSupplier)}
     */
    public PublishCall(final int size, final Runnable onDone)
    {
        this(size, onDone, () -> false);
    }

    /**
     * @return the application's future: a copy of the call's, completed on the client thread right after it
     */
    public CompletableFuture<PublishResult> future()
    {
        return application;
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
     * Fails the call (the client closed or failed first); nothing if it is settled already.
     *
     * @param error why
     */
    public void fail(final Throwable error)
    {
        if (release())
        {
            result.completeExceptionally(error);
        }
    }

    private void settle(final IngestAckMessage ack)
    {
        if (ack != null && (acks.isEmpty() || acks.get(acks.size() - 1) != ack))
        {
            acks.add(ack);
        }
        settled++;
        // The budget first: a callback on the future may publish again at once.
        if (settled == size && release())
        {
            result.complete(new PublishResult(acknowledged, rejected, acks));
        }
    }

    /** @return true the first time only: the call's own flag, never the future's state, decides. */
    private boolean release()
    {
        if (done)
        {
            return false;
        }
        done = true;
        onDone.run();
        return true;
    }
}
