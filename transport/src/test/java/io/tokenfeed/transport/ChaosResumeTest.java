package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.fanout.DeliveryStats;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 50 subscribers drop (client or server side, at random) and resume while 4 publishers feed the ingest endpoint, for
 * a bounded time. Every connection's sequence stays contiguous and every token's version only rises
 * ({@link TrackedSubscriber}); at the end every subscriber holds the last published version of every token it follows.
 */
class ChaosResumeTest
{
    private static final Logger LOG = LoggerFactory.getLogger(ChaosResumeTest.class);
    private static final String KEY = "chaos-publisher";
    private static final int SUBSCRIBERS = 50;
    private static final int PUBLISHERS = 4;
    private static final int TOKENS_PER_PUBLISHER = 25;
    private static final int TOKENS_PER_SUBSCRIBER = 20;
    private static final long CHAOS_NS = 8_000_000_000L;
    private static final long ROUND_INTERVAL_NS = 20_000_000L;

    private final List<String> tokens = IntStream.rangeClosed(1, PUBLISHERS * TOKENS_PER_PUBLISHER).mapToObj(TestServers::evm).toList();
    private final Map<String, Long> published = new ConcurrentHashMap<>();

    @Test
    void shouldEndWithTheLatestStateAndContiguousSequencesThroughRandomDropsAndResumes() throws Exception
    {
        final long seed = System.nanoTime();
        LOG.info("chaos seed {}", seed);
        final Random random = new Random(seed);
        try (TokenFeedServer server = TestServers.start("auth.publisher-keys", KEY, "limits.client-messages-per-second", "1000"))
        {
            final List<TrackedSubscriber> subscribers = new ArrayList<>();
            for (int s = 0; s < SUBSCRIBERS; s++)
            {
                final List<String> mine = new ArrayList<>();
                for (int i = 0; i < TOKENS_PER_SUBSCRIBER; i++)
                {
                    mine.add(tokens.get((s * 7 + i * 5) % tokens.size()));
                }
                subscribers.add(TrackedSubscriber.subscribe(server.port(), mine.stream().distinct().toList()));
            }
            final AtomicBoolean running = new AtomicBoolean(true);
            // A thread each: the common pool has one worker on two cores and would run the publishers one after another.
            final ExecutorService publisherThreads = Executors.newFixedThreadPool(PUBLISHERS);
            final List<CompletableFuture<Void>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++)
            {
                final List<String> own = tokens.subList(p * TOKENS_PER_PUBLISHER, (p + 1) * TOKENS_PER_PUBLISHER);
                publishers.add(CompletableFuture.runAsync(() -> publish(server.port(), own, running), publisherThreads));
            }
            int drops = 0;
            try
            {
                final long endNs = System.nanoTime() + CHAOS_NS;
                while (System.nanoTime() < endNs)
                {
                    for (final TrackedSubscriber subscriber : subscribers)
                    {
                        subscriber.drain();
                        subscriber.ackEvery(50);
                        if (random.nextInt(400) == 0)
                        {
                            drop(server, subscriber, random.nextBoolean());
                            drops++;
                        }
                    }
                    LockSupport.parkNanos(1_000_000L);
                }
            }
            finally
            {
                running.set(false);
                CompletableFuture.allOf(publishers.toArray(new CompletableFuture[0])).get();
                publisherThreads.shutdown();
            }

            for (final TrackedSubscriber subscriber : subscribers)
            {
                awaitPublishedState(subscriber);
                subscriber.close();
            }
            final DeliveryStats stats = server.engine().deliveryStats();
            final int exact = subscribers.stream().mapToInt(TrackedSubscriber::exactResumes).sum();
            final int fallbacks = subscribers.stream().mapToInt(TrackedSubscriber::fallbacks).sum();
            LOG.info("chaos: {} drops, {} exact resumes ({} messages replayed), {} fallbacks", drops, exact, stats.messagesReplayed(),
                fallbacks);
            assertThat(drops).as("the chaos did drop connections").isGreaterThan(SUBSCRIBERS);
            assertThat(exact + fallbacks).isEqualTo(drops);
            assertThat(exact).as("most resumes inside the window replay exactly").isGreaterThan(drops / 2);
            assertThat(published.values()).as("every publisher pushed").hasSize(PUBLISHERS * TOKENS_PER_PUBLISHER)
                .allSatisfy(version -> assertThat(version).isGreaterThan(100L));
        }
    }

    private void drop(final TokenFeedServer server, final TrackedSubscriber subscriber, final boolean serverSide)
    {
        final String id = subscriber.connectionId();
        final ResumeResponse response = subscriber.resume(() ->
        {
            if (serverSide)
            {
                try
                {
                    server.abortConnection(id);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        assertThat(response.subscriptions()).as("subscriptions restored").containsExactlyInAnyOrderElementsOf(subscriber.tokens());
    }

    /** One publisher: its own tokens, one batch per round, each version acknowledged before the next. */
    private void publish(final int port, final List<String> own, final AtomicBoolean running)
    {
        try (WsTestClient publisher = WsTestClient.publisher(port, KEY))
        {
            publisher.next(ConnectionMessage.class);
            long version = 0;
            final long startNs = System.nanoTime();
            while (running.get())
            {
                version++;
                final List<String> updates = new ArrayList<>();
                for (final String address : own)
                {
                    updates.add(IngestTest.update(address, version + ".5", version));
                }
                boolean accepted = false;
                while (!accepted)
                {
                    publisher.send(IngestTest.batch(version, updates));
                    final Message answer = publisher.next().message();
                    accepted = answer instanceof IngestAckMessage && ((IngestAckMessage)answer).accepted() == own.size();
                    assertThat(accepted || answer instanceof ErrorMessage).as("ack or retryable error: %s", answer).isTrue();
                }
                for (final String address : own)
                {
                    published.put(address, version);
                }
                LockSupport.parkNanos(startNs + version * ROUND_INTERVAL_NS - System.nanoTime());
            }
        }
    }

    private void awaitPublishedState(final TrackedSubscriber subscriber)
    {
        final long deadlineNs = System.nanoTime() + 20_000_000_000L;
        while (!subscriber.tokens().stream().allMatch(t -> subscriber.versions().getOrDefault(t, 0L).equals(published.get(t))))
        {
            assertThat(System.nanoTime()).as("%s converged: %s", subscriber.connectionId(), subscriber.versions()).isLessThan(deadlineNs);
            subscriber.next();
        }
    }
}
