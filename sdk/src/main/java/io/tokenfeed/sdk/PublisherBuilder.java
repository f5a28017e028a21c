package io.tokenfeed.sdk;

import java.time.Duration;

/**
 * Builds a {@link TokenFeedPublisher}. {@link #uri} and {@link #apiKey} are required in practice (the server refuses
 * publishers without a key); see {@link ClientBuilder} for the connection settings.
 */
public final class PublisherBuilder extends ClientBuilder<PublisherBuilder>
{
    /** The server refuses ingest messages of more than 1000 updates ({@code BATCH_TOO_LARGE}). */
    public static final int MAX_BATCH_SIZE = 1000;

    Duration linger = Duration.ofMillis(5);
    int maxBatchSize = MAX_BATCH_SIZE;
    int maxInFlight = 16;
    int maxPendingUpdates = 100_000;
    Duration closeTimeout = Duration.ofSeconds(5);
    Duration overloadBackoffCap = Duration.ofSeconds(5);

    PublisherBuilder()
    {
    }

    /**
     * @param wait how long an update may wait for others to share its message; 0 sends at once what has been
     *     published since the client thread last looked. Default 5 ms.
     * @return this builder
     */
    public PublisherBuilder linger(final Duration wait)
    {
        if (wait == null || wait.isNegative())
        {
            throw new IllegalArgumentException("linger must be 0 or more, got " + wait);
        }
        this.linger = wait;
        return this;
    }

    /**
     * @param updates most updates per message, 1 to {@value #MAX_BATCH_SIZE} (the default)
     * @return this builder
     */
    public PublisherBuilder maxBatchSize(final int updates)
    {
        if (updates < 1 || updates > MAX_BATCH_SIZE)
        {
            throw new IllegalArgumentException("maxBatchSize must be 1 to " + MAX_BATCH_SIZE + ", got " + updates);
        }
        this.maxBatchSize = updates;
        return this;
    }

    /**
     * @param messages most messages sent and not yet answered; default 16
     * @return this builder
     */
    public PublisherBuilder maxInFlight(final int messages)
    {
        this.maxInFlight = positive(messages, "maxInFlight");
        return this;
    }

    /**
     * @param updates most updates published and not yet settled; beyond it {@code publish} fails at once with a
     *     {@link TokenFeedException} instead of buffering without bound (while disconnected, for example). Default 100,000.
     * @return this builder
     */
    public PublisherBuilder maxPendingUpdates(final int updates)
    {
        this.maxPendingUpdates = positive(updates, "maxPendingUpdates");
        return this;
    }

    /**
     * @param timeout how long {@code close()} waits for the answers to what was published; default 5 s
     * @return this builder
     */
    public PublisherBuilder closeTimeout(final Duration timeout)
    {
        this.closeTimeout = positive(timeout, "closeTimeout");
        return this;
    }

    /**
     * Builds the publisher and starts connecting at once, on its own thread.
     *
     * @return the running publisher
     */
    public TokenFeedPublisher build()
    {
        return new TokenFeedPublisher(this);
    }

    @Override
    PublisherBuilder self()
    {
        return this;
    }
}
