package io.tokenfeed.engine.fanout;

import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.RecordingChannel;
import io.tokenfeed.engine.SubscriptionCommand;
import io.tokenfeed.engine.apply.ApplyHandler;
import io.tokenfeed.engine.encode.EncodeHandler;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.PipelineEventFactory;
import io.tokenfeed.engine.ring.PipelineExceptionHandler;
import io.tokenfeed.engine.ring.StageBlockingWaitStrategy;
import io.tokenfeed.engine.ring.StageProgress;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

/** Runs the three stages by hand on one event, without a ring or threads, with clocks advanced by the test. */
final class StageHarness
{
    final TokenRegistry tokens;
    final CachedEpochClock clock = new CachedEpochClock();
    final CachedNanoClock nanoClock = new CachedNanoClock();
    final LatencyTracker latency = new LatencyTracker();
    final ConcurrentLinkedQueue<Integer> deferredCloses = new ConcurrentLinkedQueue<>();
    final PipelineExceptionHandler exceptionHandler = new PipelineExceptionHandler();
    final ApplyHandler apply;
    final EncodeHandler encode;
    final FanOutHandler fanOut;
    private final PipelineEvent event = new PipelineEventFactory(64).newInstance();
    private long sequence;

    StageHarness(final EngineConfig config)
    {
        tokens = new TokenRegistry(config.maxTokens());
        apply = new ApplyHandler(config.maxTokens(), new StageProgress(new StageBlockingWaitStrategy()));
        encode = new EncodeHandler(tokens, new StageProgress(new StageBlockingWaitStrategy()));
        fanOut = new FanOutHandler(config, tokens, clock, nanoClock, latency, deferredCloses, exceptionHandler);
        clock.update(1_700_000_000_000L);
    }

    static StageHarness withDefaults()
    {
        return new StageHarness(EngineConfig.defaults().withSimulator(false, 1, 5000));
    }

    int token(final String address)
    {
        return tokens.intern(address);
    }

    void update(final String address, final long version, final String price, final boolean endOfBatch)
    {
        event.resetAsUpdate(token(address), version, clock.time(), nanoClock.nanoTime());
        event.field(PipelineEvent.PRICE, price);
        event.field(PipelineEvent.MARKET_CAP, "1000.5");
        event.field(PipelineEvent.VOLUME_H24, "300");
        event.field(PipelineEvent.VOLUME_H1, "20.25");
        event.field(PipelineEvent.VOLUME_M5, "1");
        run(endOfBatch);
    }

    void update(final String address, final String price, final boolean endOfBatch)
    {
        update(address, PipelineEvent.ABSENT, price, endOfBatch);
    }

    RecordingChannel open(final int connectionId)
    {
        final RecordingChannel channel = new RecordingChannel("conn-" + connectionId);
        control(EventType.CONNECTION_OPENED, connectionId, -1, channel);
        return channel;
    }

    void close(final int connectionId)
    {
        control(EventType.CONNECTION_CLOSED, connectionId, -1, null);
    }

    void subscribe(final int connectionId, final long requestSequence, final String... addresses)
    {
        subscription(SubscriptionAction.SUBSCRIBE, connectionId, requestSequence, addresses);
    }

    void unsubscribe(final int connectionId, final long requestSequence, final String... addresses)
    {
        subscription(SubscriptionAction.UNSUBSCRIBE, connectionId, requestSequence, addresses);
    }

    void subscription(final SubscriptionAction action, final int connectionId, final long requestSequence, final String... addresses)
    {
        final SubscriptionRequest request = new SubscriptionRequest(requestSequence, action, List.of(addresses));
        control(EventType.CLIENT_REQUEST, connectionId, requestSequence, SubscriptionCommand.resolve(request, tokens));
    }

    void request(final int connectionId, final long requestSequence, final Object request)
    {
        control(EventType.CLIENT_REQUEST, connectionId, requestSequence, request);
    }

    void clientError(final int connectionId, final long requestSequence, final io.tokenfeed.protocol.ErrorCode code, final String message)
    {
        event.resetAsControl(EventType.CLIENT_ERROR, connectionId, requestSequence, message, nanoClock.nanoTime());
        event.errorCode(code);
        run(true);
    }

    void control(final EventType type, final int connectionId, final long requestSequence, final Object attachment)
    {
        event.resetAsControl(type, connectionId, requestSequence, attachment, nanoClock.nanoTime());
        run(true);
    }

    private void run(final boolean endOfBatch)
    {
        final long s = sequence++;
        apply.onEvent(event, s, endOfBatch);
        encode.onEvent(event, s, endOfBatch);
        fanOut.onEvent(event, s, endOfBatch);
    }
}
