package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A subscriber that checks the delivery guarantees on everything it processes, across reconnects: on every connection
 * the sequence is contiguous from 1; every token's version only rises (nothing duplicated, nothing out of order; a
 * snapshot may repeat the version already held); after a successful resume exactly the announced number of replayed
 * messages come first. What arrived after the last processed message when a socket dropped counts as lost.
 */
final class TrackedSubscriber implements AutoCloseable
{
    private final int port;
    private final List<String> tokens;
    private final Map<String, Long> versions = new HashMap<>();
    private WsTestClient client;
    private String connectionId;
    private long lastSequence;
    private long sinceAck;
    private int exactResumes;
    private int fallbacks;

    private TrackedSubscriber(final int port, final List<String> tokens)
    {
        this.port = port;
        this.tokens = tokens;
    }

    /** Connects and subscribes; returns once the subscription is confirmed. */
    static TrackedSubscriber subscribe(final int port, final List<String> tokens)
    {
        final TrackedSubscriber subscriber = new TrackedSubscriber(port, tokens);
        subscriber.connect();
        subscriber.client.send("{\"type\":\"subscription\",\"data\":{\"action\":\"subscribe\",\"tokens\":["
            + tokens.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}");
        while (!(subscriber.process(subscriber.client.next()) instanceof SubscriptionResponse))
        {
            assertThat(subscriber.lastSequence).isLessThan(100);
        }
        return subscriber;
    }

    String connectionId()
    {
        return connectionId;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    /** Latest version processed per token. */
    Map<String, Long> versions()
    {
        return versions;
    }

    List<String> tokens()
    {
        return tokens;
    }

    int exactResumes()
    {
        return exactResumes;
    }

    int fallbacks()
    {
        return fallbacks;
    }

    WsTestClient client()
    {
        return client;
    }

    /** Processes the next message, waiting for it. */
    Message next()
    {
        return process(client.next());
    }

    /** Processes what has arrived, without waiting; returns how many. */
    int drain()
    {
        int count = 0;
        WsTestClient.Received received;
        while ((received = client.poll()) != null)
        {
            process(received);
            count++;
        }
        return count;
    }

    /** Acknowledges everything processed so far, as a client does from time to time. */
    void ack()
    {
        client.sendAsync("{\"type\":\"ack\",\"data\":{\"sequence\":" + lastSequence + "}}");
        sinceAck = 0;
    }

    /** Acknowledges after every {@code every} messages processed since the last ack. */
    void ackEvery(final int every)
    {
        if (sinceAck >= every)
        {
            ack();
        }
    }

    /**
     * The socket is gone ({@code drop} dropped it; this side then aborts it too, losing whatever had arrived but was not
     * processed); reconnects and resumes with the last sequence processed.
     *
     * @return the server's answer; the replayed messages (on success) have been processed
     */
    ResumeResponse resume(final Runnable drop)
    {
        final String previousId = connectionId;
        final long previousLast = lastSequence;
        drop.run();
        client.abort();
        connect();
        client.send("{\"type\":\"resume\",\"sequence\":1,\"data\":{\"connectionId\":\"" + previousId + "\",\"lastSequence\":"
            + previousLast + "}}");
        final WsTestClient.Received answer = client.next();
        process(answer);
        assertThat(answer.message()).as(answer.raw()).isInstanceOf(ResumeResponse.class);
        final ResumeResponse response = (ResumeResponse)answer.message();
        assertThat(response.connectionId()).isEqualTo(previousId);
        assertThat(response.requestSequence()).isEqualTo(1);
        if (ResumeResponse.STATUS_SUCCESS.equals(response.status()))
        {
            exactResumes++;
            assertThat(response.subscriptions()).containsExactlyInAnyOrderElementsOf(tokens);
            for (int i = 0; i < response.replayed(); i++)
            {
                final WsTestClient.Received replayed = client.next();
                assertThat(replayed.raw()).as("replayed first").contains("\"replayed\":true");
                process(replayed);
            }
        }
        else
        {
            fallbacks++;
            assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
        }
        return response;
    }

    private void connect()
    {
        client = WsTestClient.connect(port);
        lastSequence = 0;
        final ConnectionMessage hello = (ConnectionMessage)process(client.next());
        connectionId = hello.connectionId();
    }

    private Message process(final WsTestClient.Received received)
    {
        final Message message = received.message();
        assertThat(message).as("decodable: %s", received.raw()).isNotNull();
        assertThat(message.sequence()).as("contiguous on %s: %s", connectionId, received.raw()).isEqualTo(lastSequence + 1);
        lastSequence = message.sequence();
        sinceAck++;
        for (final TokenData data : entries(message))
        {
            final long previous = versions.getOrDefault(data.address(), 0L);
            if (data.snapshot())
            {
                assertThat(data.version()).as("snapshot of %s", data.address()).isGreaterThanOrEqualTo(previous);
            }
            else
            {
                assertThat(data.version()).as("%s rises: %s", data.address(), received.raw()).isGreaterThan(previous);
            }
            versions.put(data.address(), data.version());
        }
        return message;
    }

    static List<TokenData> entries(final Message message)
    {
        if (message instanceof TokenUpdateMessage)
        {
            return List.of(((TokenUpdateMessage)message).data());
        }
        return message instanceof TokenBatchMessage ? ((TokenBatchMessage)message).updates() : new ArrayList<>();
    }

    @Override
    public void close()
    {
        client.close();
    }
}
