package io.tokenfeed.sdk;

import org.HdrHistogram.Histogram;

/**
 * A subscriber's counters since it was built. Every method may be called from any thread at any time; counters are
 * written by the client's thread only, so a reader sees each one exact but not all of them at one instant.
 */
public interface ClientMetrics
{
    /**
     * @return server messages read, of every type, the connection greetings included
     */
    long messagesReceived();

    /**
     * @return token states handed to the update listeners
     */
    long updatesDelivered();

    /**
     * @return sequence gaps seen (each also reported to the gap listeners and followed by a resync)
     */
    long gaps();

    /**
     * @return messages dropped because their sequence had already been processed on the connection
     */
    long duplicates();

    /**
     * @return token states dropped because their version was not newer than the last one delivered for the token
     */
    long staleDrops();

    /**
     * @return connections re-established after a loss (a first connection does not count)
     */
    long reconnects();

    /**
     * @return {@code resume} requests answered {@code success}: nothing was lost across the reconnect
     */
    long resumes();

    /**
     * @return {@code resume} requests answered {@code RESUME_UNAVAILABLE}: snapshots or a re-subscription instead
     */
    long resumesUnavailable();

    /**
     * @return messages replayed by the server after a successful {@code resume}
     */
    long replayedMessages();

    /**
     * @return {@code ack} messages sent
     */
    long acksSent();

    /**
     * @return errors reported to the error listeners
     */
    long errors();

    /**
     * Milliseconds from each live data message's {@code timestamp} (when the server framed it) to the moment its last
     * frame arrived here. Replayed messages are left out: their timestamp is the first sending's. Both ends read
     * their own wall clock, so skew between the machines shows up here (negative values count as 0).
     *
     * @return a copy of the histogram since the client was built
     */
    Histogram receiveLatencyMs();
}
