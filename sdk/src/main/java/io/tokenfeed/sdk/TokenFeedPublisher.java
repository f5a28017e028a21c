package io.tokenfeed.sdk;

import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.internal.Backoff;
import io.tokenfeed.sdk.internal.ClientLoop;
import io.tokenfeed.sdk.internal.ConnectionManager;
import io.tokenfeed.sdk.internal.ConnectionOptions;
import io.tokenfeed.sdk.internal.FrameDecoder;
import io.tokenfeed.sdk.internal.Listeners;
import io.tokenfeed.sdk.internal.PublishCall;
import io.tokenfeed.sdk.internal.PublisherCounters;
import io.tokenfeed.sdk.internal.PublisherSession;
import io.tokenfeed.sdk.internal.StateTracker;
import io.tokenfeed.sdk.internal.ZstdInflater;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds token updates into the ingest endpoint ({@code /api/v1/ws/ingest}): batches them, keeps each until the server
 * has acknowledged it, and sends it again after a reconnect or an {@code OVERLOADED} answer.
 *
 * <pre>{@code
 * try (TokenFeedPublisher publisher = TokenFeedPublisher.builder()
 *         .uri("ws://localhost:8080/api/v1/ws/ingest")
 *         .apiKey("dev-key")
 *         .build()) {
 *     publisher.publish(new TokenData("0x6b17...", "0.9998", "5364049467",
 *         new Volume("182741002", "7418544", "614022"), System.currentTimeMillis(), 42, false, false)).join();
 * }
 * }</pre>
 *
 * <p>Delivery is at least once: an update whose ack was lost is sent again. Give updates an explicit {@code version}
 * so that a resend is idempotent (the server then counts it as a duplicate, protocol.md 12.5); without one, the server
 * assigns a new version to each copy. The futures complete on the client thread: attach long-running work with the
 * {@code ...Async} methods of {@link CompletableFuture}.
 *
 * <p><b>Never {@code join()} or {@code get()} a publish future on the client thread</b> (in a listener, or in a
 * non-async callback of another publish future): that thread is the one that completes it, so the wait could never end.
 * The futures detect it and throw {@link IllegalStateException} at once instead of deadlocking; chain with
 * {@code thenAccept}/{@code thenCompose}, or wait on another thread.
 */
public final class TokenFeedPublisher implements AutoCloseable
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long OVERLOAD_BACKOFF_BASE_NS = 100_000_000L;
    private static final long EXTRA_CLOSE_WAIT_MS = 2_000;

    private final ClientLoop loop;
    private final PublisherSession session;
    private final StateTracker tracker = new StateTracker();
    private final PublisherCounters counters = new PublisherCounters();
    private final AtomicInteger unsettled = new AtomicInteger();
    private final ClientClock clock;
    private final int maxPendingUpdates;
    private final Duration closeTimeout;

    TokenFeedPublisher(final PublisherBuilder builder)
    {
        final ConnectionOptions options = builder.connectionOptions("tokenfeed-publisher-" + INSTANCES.incrementAndGet());
        final Listeners listeners = new Listeners(builder.stateListeners, builder.errorListeners, List.of(), List.of(), counters);
        final JsonCodec codec = FrameDecoder.newCodec();
        this.clock = options.clock();
        this.maxPendingUpdates = builder.maxPendingUpdates;
        this.closeTimeout = builder.closeTimeout;
        this.session = new PublisherSession(codec, listeners, counters, builder.maxBatchSize, builder.linger.toNanos(),
            builder.maxInFlight, new Backoff(OVERLOAD_BACKOFF_BASE_NS, builder.overloadBackoffCap.toNanos(), options.random()));
        this.loop = new ClientLoop(clock, options.threadName());
        final ConnectionManager manager = new ConnectionManager(options, loop,
            new FrameDecoder(codec, new ZstdInflater(options.maxMessageBytes())), session, listeners, tracker, counters);
        session.closeWith(manager::close);
        loop.start(manager, listeners);
    }

    /**
     * @return a builder; {@code uri} and {@code apiKey} are required
     */
    public static PublisherBuilder builder()
    {
        return new PublisherBuilder();
    }

    /**
     * @param update one token update ({@code version} and {@code updatedAt} may be -1: the server assigns them)
     * @return completes once the server has answered for it; fails when the publisher closes or fails first, or at once
     *     when {@code maxPendingUpdates} updates are still unsettled. It is the application's own copy: completing or
     *     cancelling it does not stop the update, which is still sent and answered (and its room under
     *     {@code maxPendingUpdates} returned then). Waiting for it on the client thread throws
     *     {@link IllegalStateException} (see the class documentation).
     */
    public CompletableFuture<PublishResult> publish(final TokenData update)
    {
        return publish(List.of(update));
    }

    /**
     * @param updates updates, in the order the server should apply them; more than 1000 are split over several messages
     * @return completes once the server has answered for every one of them (see {@link #publish(TokenData)})
     */
    public CompletableFuture<PublishResult> publish(final List<TokenData> updates)
    {
        final List<TokenData> copy = List.copyOf(updates);
        if (copy.isEmpty())
        {
            return CompletableFuture.completedFuture(new PublishResult(0, List.of(), List.of()));
        }
        if (unsettled.addAndGet(copy.size()) > maxPendingUpdates)
        {
            unsettled.addAndGet(-copy.size());
            return CompletableFuture.failedFuture(new TokenFeedException(
                "the publisher already holds " + maxPendingUpdates + " unacknowledged updates (maxPendingUpdates)"));
        }
        final PublishCall call = new PublishCall(copy.size(), () -> unsettled.addAndGet(-copy.size()), loop::onClientThread);
        if (!loop.execute(() -> session.publish(copy, call, clock.nanoTime())))
        {
            call.fail(new TokenFeedException("the publisher is " + state()));
        }
        return call.future();
    }

    /**
     * @return the current state
     */
    public ConnectionState state()
    {
        final ConnectionState state = tracker.state();
        return state == null ? ConnectionState.CONNECTING : state;
    }

    /**
     * @param target the state to wait for
     * @param timeout how long to wait at most
     * @return true once in {@code target} (its state listeners have run by then); false on timeout, or when a final state
     *     other than {@code target} came first
     * @throws InterruptedException when the calling thread is interrupted
     */
    public boolean awaitState(final ConnectionState target, final Duration timeout) throws InterruptedException
    {
        return tracker.await(target, timeout.toNanos());
    }

    /**
     * @return the publisher's counters
     */
    public PublisherMetrics metrics()
    {
        return counters;
    }

    /**
     * Sends what is still batched, waits up to {@code closeTimeout} for the server's answers, then closes; whatever is
     * still unanswered then fails with a {@link TokenFeedException}.
     */
    @Override
    public void close()
    {
        loop.execute(() -> session.beginClose(clock.nanoTime(), closeTimeout.toNanos()));
        try
        {
            loop.join(closeTimeout.toMillis() + EXTRA_CLOSE_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
