package io.tokenfeed.engine.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.TokenQuery;
import io.tokenfeed.protocol.AckRequest;
import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.PingRequest;
import io.tokenfeed.protocol.ResumeRequest;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.SubscriptionResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FanOutHandlerTest
{
    private static final String A = evm(1);
    private static final String B = evm(2);
    private static final String C = evm(3);

    static String evm(final int i)
    {
        return String.format("0x%040x", i);
    }

    @Test
    void shouldGreetEachConnectionWithConnectionMessageAsSequenceOne()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        final ConnectionMessage hello = (ConnectionMessage)channel.messages().get(0);
        assertThat(hello.sequence()).isEqualTo(1);
        assertThat(hello.status()).isEqualTo("connected");
        assertThat(hello.connectionId()).isEqualTo("conn-1");
        assertThat(hello.maxSubscriptions()).isEqualTo(100);
        assertThat(hello.heartbeatIntervalMs()).isEqualTo(15000);
        assertThat(hello.maxMessageBytes()).isEqualTo(1048576);
    }

    @Test
    void shouldSendSnapshotAfterSubscriptionResponseWhenTokenIsKnown()
    {
        final StageHarness h = StageHarness.withDefaults();
        h.update(A, "1.5", true);
        final RecordingChannel channel = h.open(1);

        h.subscribe(1, 7, A, B);

        final List<Message> messages = channel.messages();
        final SubscriptionResponse response = (SubscriptionResponse)messages.get(1);
        assertThat(response.sequence()).isEqualTo(2);
        assertThat(response.status()).isEqualTo("success");
        assertThat(response.tokens()).containsExactly(A, B);
        assertThat(response.requestSequence()).isEqualTo(7);
        assertThat(response.subscriptionCount()).isEqualTo(2);
        final TokenUpdateMessage snapshot = (TokenUpdateMessage)messages.get(2);
        assertThat(snapshot.sequence()).isEqualTo(3);
        assertThat(snapshot.data().snapshot()).isTrue();
        assertThat(snapshot.data().address()).isEqualTo(A);
        assertThat(snapshot.data().price()).isEqualTo("1.5");
        assertThat(snapshot.data().version()).isEqualTo(1);
        assertThat(messages).hasSize(3);
    }

    @Test
    void shouldSendOneBatchPerConnectionForUpdatesOfOneRingBatch()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A, B, C);
        channel.clear();

        h.update(A, "1", false);
        h.update(B, "2", false);
        h.update(C, "3", true);

        assertThat(channel.messages()).hasSize(1);
        final TokenBatchMessage batch = (TokenBatchMessage)channel.messages().get(0);
        assertThat(batch.updates()).extracting(TokenData::address).containsExactly(A, B, C);
        assertThat(batch.updates()).noneMatch(TokenData::snapshot);
        assertThat(batch.sequence()).isEqualTo(3);
    }

    @Test
    void shouldSendSingleUpdateAsTokenUpdateMessage()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A);
        channel.clear();

        h.update(A, "42.125", true);

        final TokenUpdateMessage update = (TokenUpdateMessage)channel.messages().get(0);
        assertThat(update.data().price()).isEqualTo("42.125");
        assertThat(update.data().marketCap()).isEqualTo("1000.5");
        assertThat(update.data().volume().h24()).isEqualTo("300");
        assertThat(update.data().volume().h1()).isEqualTo("20.25");
        assertThat(update.data().volume().m5()).isEqualTo("1");
        assertThat(update.data().updatedAt()).isEqualTo(h.clock.time());
        assertThat(update.data().snapshot()).isFalse();
        assertThat(channel.raw().get(0)).doesNotContain("snapshot");
    }

    @Test
    void shouldSendEveryVersionOfATokenUpdatedSeveralTimesWithinARingBatch()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A);
        channel.clear();

        h.update(A, "1", false);
        h.update(A, "2", false);
        h.update(A, "3", true);

        assertThat(channel.messages()).hasSize(3);
        final TokenUpdateMessage update = (TokenUpdateMessage)channel.messages().get(2);
        assertThat(update.data().price()).isEqualTo("3");
        assertThat(update.data().version()).isEqualTo(3);
        assertThat(channel.messages()).extracting(m -> ((TokenUpdateMessage)m).data().price()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldSplitBatchesAtMaxBatchTokens()
    {
        final EngineConfig config = EngineConfig.defaults().withSimulator(false, 1, 5000).withLimits(2000, 1000, 1048576);
        final StageHarness h = new StageHarness(config);
        final RecordingChannel channel = h.open(1);
        final String[] addresses = new String[1500];
        for (int i = 0; i < addresses.length; i++)
        {
            addresses[i] = evm(100 + i);
        }
        h.subscribe(1, 1, addresses);
        channel.clear();

        for (int i = 0; i < addresses.length; i++)
        {
            h.update(addresses[i], "1." + i, i == addresses.length - 1);
        }

        final List<Message> messages = channel.messages();
        assertThat(messages).hasSize(2);
        assertThat(((TokenBatchMessage)messages.get(0)).updates()).hasSize(1000);
        assertThat(((TokenBatchMessage)messages.get(1)).updates()).hasSize(500);
        assertThat(messages.get(1).sequence()).isEqualTo(messages.get(0).sequence() + 1);
    }

    @Test
    void shouldSplitBatchesAtMaxMessageBytesWithOneEntryPerToken()
    {
        final int maxBytes = 4096;
        final EngineConfig config = EngineConfig.defaults().withSimulator(false, 1, 5000).withLimits(100, 1000, maxBytes);
        final StageHarness h = new StageHarness(config);
        final RecordingChannel channel = h.open(1);
        final String[] addresses = new String[100];
        for (int i = 0; i < addresses.length; i++)
        {
            addresses[i] = evm(500 + i);
        }
        h.subscribe(1, 1, addresses);
        channel.clear();

        for (int i = 0; i < addresses.length; i++)
        {
            h.update(addresses[i], "123456789.123456789" + i, i == addresses.length - 1);
        }

        final Set<String> delivered = new HashSet<>();
        assertThat(channel.raw()).allSatisfy(raw -> assertThat(raw.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes));
        assertThat(channel.messages()).hasSizeGreaterThan(2);
        for (final Message m : channel.messages())
        {
            final List<TokenData> entries = m instanceof TokenBatchMessage ? ((TokenBatchMessage)m).updates()
                : List.of(((TokenUpdateMessage)m).data());
            final Set<String> inThisMessage = new HashSet<>();
            for (final TokenData d : entries)
            {
                assertThat(inThisMessage.add(d.address())).as("one entry per token per batch").isTrue();
                assertThat(delivered.add(d.address())).as("each token delivered once").isTrue();
                assertThat(d.version()).isEqualTo(1);
            }
        }
        assertThat(delivered).hasSize(100);
    }

    @Test
    void shouldNotDeliverStaleVersions()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A);
        channel.clear();

        h.update(A, 5, "5", true);
        h.update(A, 5, "duplicate", true);
        h.update(A, 4, "older", true);
        h.update(A, 6, "6", true);

        assertThat(channel.messages()).extracting(m -> ((TokenUpdateMessage)m).data().price()).containsExactly("5", "6");
        assertThat(h.apply.staleUpdates()).isEqualTo(2);
    }

    @Test
    void shouldAcceptVersionZeroForATokenWithoutStateAndNumberFromOneOtherwise()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A, B);
        channel.clear();

        h.update(A, 0, "zero", true);
        h.update(A, "next", true);
        h.update(B, "first", true);

        assertThat(channel.messages()).extracting(m -> ((TokenUpdateMessage)m).data().version()).containsExactly(0L, 1L, 1L);
    }

    @Test
    void shouldRejectSubscriptionsBeyondTheLimitAndApplyTheRest()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        final String[] addresses = new String[101];
        for (int i = 0; i < addresses.length; i++)
        {
            addresses[i] = evm(1000 + i);
        }

        h.subscribe(1, 9, addresses);

        final SubscriptionResponse response = (SubscriptionResponse)channel.messages().get(1);
        assertThat(response.status()).isEqualTo("success");
        assertThat(response.tokens()).hasSize(100);
        assertThat(response.subscriptionCount()).isEqualTo(100);
        assertThat(response.rejected()).singleElement().satisfies(r ->
        {
            assertThat(r.token()).isEqualTo(addresses[100]);
            assertThat(r.code()).isEqualTo(ErrorCode.SUBSCRIPTION_LIMIT);
        });
    }

    @Test
    void shouldReportErrorStatusWhenEveryTokenIsRejected()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        h.subscribe(1, 3, "nope", "0x123");

        final SubscriptionResponse response = (SubscriptionResponse)channel.messages().get(1);
        assertThat(response.status()).isEqualTo("error");
        assertThat(response.tokens()).isEmpty();
        assertThat(response.rejected()).extracting(r -> r.code()).containsOnly(ErrorCode.INVALID_TOKEN_ADDRESS);
    }

    @Test
    void shouldStopDeliveringAfterUnsubscribe()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A, B);
        h.unsubscribe(1, 2, A);
        channel.clear();

        h.update(A, "1", false);
        h.update(B, "2", true);

        assertThat(channel.messages()).singleElement()
            .satisfies(m -> assertThat(((TokenUpdateMessage)m).data().address()).isEqualTo(B));
    }

    @Test
    void shouldFlushPendingDataBeforeAnsweringARequestOfTheSameConnection()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        h.subscribe(1, 1, A);
        channel.clear();

        h.update(A, "1", false);
        h.unsubscribe(1, 2, A);

        assertThat(channel.messages()).hasSize(2);
        assertThat(channel.messages().get(0)).isInstanceOf(TokenUpdateMessage.class);
        assertThat(channel.messages().get(1)).isInstanceOf(SubscriptionResponse.class);
        assertThat(channel.messages().get(1).sequence()).isEqualTo(channel.messages().get(0).sequence() + 1);
    }

    @Test
    void shouldAnswerPingWithHeartbeatAndValidateAcks()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        h.request(1, 5, new PingRequest(5));
        h.request(1, 6, new AckRequest(6, 2));
        h.request(1, 7, new AckRequest(7, 99));
        h.request(1, 8, new AckRequest(8, 1));

        final List<Message> messages = channel.messages();
        assertThat(messages.get(1)).isInstanceOf(HeartbeatMessage.class);
        assertThat(messages.get(1).sequence()).isEqualTo(2);
        assertThat(((HeartbeatMessage)messages.get(1)).requestSequence()).isEqualTo(5);
        final ErrorMessage beyond = (ErrorMessage)messages.get(2);
        assertThat(beyond.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(beyond.requestSequence()).isEqualTo(7);
        assertThat(beyond.message()).contains("beyond");
        final ErrorMessage backwards = (ErrorMessage)messages.get(3);
        assertThat(backwards.message()).contains("backwards");
        assertThat(messages).hasSize(4);
    }

    @Test
    void shouldAnswerResumeWithResumeUnavailable()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        h.request(1, 1, new ResumeRequest(1, "old-id", 10));

        final ResumeResponse response = (ResumeResponse)channel.messages().get(1);
        assertThat(response.status()).isEqualTo("error");
        assertThat(response.code()).isEqualTo(ErrorCode.RESUME_UNAVAILABLE);
        assertThat(response.connectionId()).isEqualTo("old-id");
        assertThat(response.subscriptions()).isEmpty();
    }

    @Test
    void shouldFollowATokenNamedBeforeAnySourceHadItWithoutTakingARegistryId()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);

        h.subscribe(1, 1, A, B);

        assertThat(h.tokens.size()).as("subscribers never intern").isZero();
        assertThat(((SubscriptionResponse)channel.messages().get(1)).subscriptionCount()).isEqualTo(2);
        h.unsubscribe(1, 2, B);
        channel.clear();

        h.update(B, "9", false);
        h.update(A, "1", true);

        final TokenUpdateMessage first = (TokenUpdateMessage)channel.messages().get(0);
        assertThat(channel.messages()).hasSize(1);
        assertThat(first.data().address()).isEqualTo(A);
        assertThat(first.data().snapshot()).as("the first state is live data, not a snapshot").isFalse();
        assertThat(h.fanOut.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void shouldSubscribeByIdWhenASourceNamedTheTokenAfterTheEdgeResolvedTheRequest()
    {
        final StageHarness h = StageHarness.withDefaults();
        final RecordingChannel channel = h.open(1);
        final io.tokenfeed.engine.SubscriptionCommand resolvedEarly = io.tokenfeed.engine.SubscriptionCommand.resolve(
            new io.tokenfeed.protocol.SubscriptionRequest(1, io.tokenfeed.protocol.SubscriptionAction.SUBSCRIBE, List.of(A)), h.tokens);
        h.update(A, "1", true);

        h.request(1, 1, resolvedEarly);

        final TokenUpdateMessage snapshot = (TokenUpdateMessage)channel.messages().get(2);
        assertThat(snapshot.data().snapshot()).isTrue();
        assertThat(snapshot.data().price()).isEqualTo("1");
    }


    @Test
    void shouldAnswerTokenQueriesMostRecentlyUpdatedFirst()
    {
        final StageHarness h = StageHarness.withDefaults();
        h.update(A, "1", true);
        h.update(B, "2", true);
        h.update(A, "3", true);
        final AtomicReference<byte[]> list = new AtomicReference<>();
        final AtomicReference<byte[]> one = new AtomicReference<>();
        final List<byte[]> unknown = new ArrayList<>();

        h.control(io.tokenfeed.engine.ring.EventType.TOKEN_QUERY, -1, -1, new TokenQuery(TokenQuery.ALL, 10, list::set));
        h.control(io.tokenfeed.engine.ring.EventType.TOKEN_QUERY, -1, -1, new TokenQuery(h.token(B), 1, one::set));
        h.control(io.tokenfeed.engine.ring.EventType.TOKEN_QUERY, -1, -1, new TokenQuery(h.token(C), 1, unknown::add));

        final String json = new String(list.get(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"count\":2,\"tokens\":[{\"address\":\"" + A + "\",\"price\":\"3\"");
        assertThat(json.indexOf(B)).isGreaterThan(json.indexOf(A));
        assertThat(new String(one.get(), StandardCharsets.UTF_8)).startsWith("{\"address\":\"" + B + "\",\"price\":\"2\"").endsWith("}");
        assertThat(unknown).containsExactly((byte[])null);
    }

    @Test
    void shouldRecordIngestToSocketLatencyPerLiveDelivery()
    {
        final StageHarness h = StageHarness.withDefaults();
        h.open(1);
        h.open(2);
        h.subscribe(1, 1, A);
        h.subscribe(2, 1, A);
        h.nanoClock.update(1_000);

        h.update(A, "1", false);
        h.nanoClock.update(251_000);
        h.update(B, "1", true);

        assertThat(h.latency.cumulative().getTotalCount()).isEqualTo(2);
        assertThat(h.latency.cumulative().getMaxValue()).isBetween(249_000L, 251_000L);
    }
}
