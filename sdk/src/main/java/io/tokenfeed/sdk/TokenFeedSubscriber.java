package io.tokenfeed.sdk;

import io.tokenfeed.sdk.internal.ClientLoop;
import io.tokenfeed.sdk.internal.ConnectionManager;
import io.tokenfeed.sdk.internal.ConnectionOptions;
import io.tokenfeed.sdk.internal.FrameDecoder;
import io.tokenfeed.sdk.internal.Listeners;
import io.tokenfeed.sdk.internal.StateTracker;
import io.tokenfeed.sdk.internal.SubscriberCounters;
import io.tokenfeed.sdk.internal.SubscriberSession;
import io.tokenfeed.sdk.internal.ZstdInflater;
import io.tokenfeed.protocol.JsonCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams token updates from the subscriber endpoint ({@code /api/v1/ws/token-data}) and keeps them flowing across
 * drops: it reconnects with backoff, resumes the session (or re-subscribes when the server cannot resume it), resyncs
 * after a sequence gap, drops duplicates and stale versions, and acknowledges what it processed.
 *
 * <pre>{@code
 * TokenFeedSubscriber subscriber = TokenFeedSubscriber.builder()
 *     .uri("ws://localhost:8080/api/v1/ws/token-data")
 *     .onUpdate(update -> System.out.println(update.address() + " " + update.price()))
 *     .subscribe("0x6b175474e89094c44da98b954eedeac495271d0f")
 *     .build();
 * }</pre>
 *
 * <p>Every method is thread-safe and returns at once: requests are carried out on the client's own thread, in call
 * order. Listeners run on that thread too (see the package documentation).
 */
public final class TokenFeedSubscriber implements AutoCloseable
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_MS = 5_000;

    private final ClientLoop loop;
    private final SubscriberSession session;
    private final ConnectionManager manager;
    private final StateTracker tracker = new StateTracker();
    private final SubscriberCounters counters = new SubscriberCounters();

    TokenFeedSubscriber(final SubscriberBuilder builder)
    {
        final ConnectionOptions options = builder.connectionOptions("tokenfeed-subscriber-" + INSTANCES.incrementAndGet());
        final Listeners listeners = new Listeners(builder.stateListeners, builder.errorListeners, builder.gapListeners,
            builder.updateListeners, counters);
        final JsonCodec codec = FrameDecoder.newCodec();
        this.session = new SubscriberSession(codec, listeners, counters, builder.ackEveryMessages, builder.ackInterval.toNanos());
        this.loop = new ClientLoop(options.clock(), options.threadName());
        this.manager = new ConnectionManager(options, loop, new FrameDecoder(codec, new ZstdInflater(options.maxMessageBytes())),
            session, listeners, tracker, counters);
        final List<String> initial = List.copyOf(builder.initialTokens);
        if (!initial.isEmpty())
        {
            loop.execute(() -> session.subscribe(initial));
        }
        loop.start(manager, listeners);
    }

    /**
     * @return a builder; {@code uri} is required
     */
    public static SubscriberBuilder builder()
    {
        return new SubscriberBuilder();
    }

    /**
     * Follows tokens: subscribes within 50 ms when connected, otherwise as soon as connected. A snapshot of each token's
     * current state (when it has one) arrives first, then its live updates. Calls made close together share one request,
     * and the client paces what it sends well inside the server's rate limit, so calling this in a loop is fine.
     *
     * @param addresses EVM (any case) or Solana addresses
     * @throws IllegalArgumentException when an address is invalid (nothing is subscribed then)
     * @throws TokenFeedException when the client is closed or failed
     */
    public void subscribe(final String... addresses)
    {
        subscribe(Arrays.asList(addresses));
    }

    /**
     * @param addresses as for {@link #subscribe(String...)}
     */
    public void subscribe(final Collection<String> addresses)
    {
        final List<String> tokens = SubscriberBuilder.canonical(addresses);
        run(() -> session.subscribe(tokens), "subscribe");
    }

    /**
     * Stops following tokens. Updates of them that are already on their way are dropped.
     *
     * @param addresses EVM (any case) or Solana addresses
     * @throws IllegalArgumentException when an address is invalid
     * @throws TokenFeedException when the client is closed or failed
     */
    public void unsubscribe(final String... addresses)
    {
        unsubscribe(Arrays.asList(addresses));
    }

    /**
     * @param addresses as for {@link #unsubscribe(String...)}
     */
    public void unsubscribe(final Collection<String> addresses)
    {
        final List<String> tokens = SubscriberBuilder.canonical(addresses);
        run(() -> session.unsubscribe(tokens), "unsubscribe");
    }

    /**
     * @return the current state (never null once built; {@link ConnectionState#CONNECTING} until the thread has begun)
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
     * @return the client's counters and receive latency
     */
    public ClientMetrics metrics()
    {
        return counters;
    }

    /**
     * Closes the connection (close 1000) and ends the client thread; waits up to 5 s for it, unless called from a
     * listener. The server keeps the session for its resume window, as after any drop.
     */
    @Override
    public void close()
    {
        loop.execute(() -> manager.close("closed by the application"));
        try
        {
            loop.join(CLOSE_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run(final Runnable command, final String what)
    {
        if (!loop.execute(command))
        {
            throw new TokenFeedException("cannot " + what + ": the subscriber is " + state());
        }
    }
}
