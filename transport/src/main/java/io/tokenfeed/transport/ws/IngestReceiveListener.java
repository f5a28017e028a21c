package io.tokenfeed.transport.ws;

import io.tokenfeed.engine.EngineIngress;
import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.UpdatePublisher;
import io.tokenfeed.engine.token.TokenRegistry;
import io.tokenfeed.protocol.DecodeMode;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.IngestDecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Reads one publisher connection on its IO thread: decodes each message, validates every update on its own, and
 * publishes the valid ones with their ack marker in one all-or-nothing ring range. Never blocks: a full ring answers
 * the whole message {@code OVERLOADED}, nothing of it applied. Every answer is numbered by the fan-out stage.
 */
final class IngestReceiveListener extends EngineReceiveListener
{
    private static final ThreadLocal<JsonCodec> CODEC = ThreadLocal.withInitial(
        () -> new JsonCodec(JsonCodec.DEFAULT_MAX_TOKENS_PER_REQUEST, JsonCodec.DEFAULT_MAX_BATCH_UPDATES, DecodeMode.FROM_CLIENT));

    /** Matches the {@code retryAfterMs} sent with OVERLOADED. */
    private static final long OVERLOADED_PAUSE_MS = 100;

    private final UpdatePublisher publisher;
    private final TokenRegistry tokens;
    private final InboundCounters inbound;

    IngestReceiveListener(
        final int connectionId,
        final UndertowClientChannel client,
        final EngineIngress ingress,
        final UpdatePublisher publisher,
        final TokenRegistry tokens,
        final long maxMessageBytes,
        final InboundCounters inbound)
    {
        super(connectionId, client, ingress, maxMessageBytes, null);
        this.publisher = publisher;
        this.tokens = tokens;
        this.inbound = inbound;
    }

    @Override
    protected void onMessage(final WebSocketChannel channel, final byte[] bytes, final int length)
    {
        ingest(channel, bytes, length);
    }

    private void ingest(final WebSocketChannel channel, final byte[] bytes, final int length)
    {
        final long receivedAtMs = System.currentTimeMillis();
        final IngestDecodeResult decoded = CODEC.get().decodeIngest(bytes, length);
        inbound.received(InboundCounters.Endpoint.INGEST,
            decoded.isSuccess() ? InboundCounters.Kind.TOKEN_DATA : InboundCounters.Kind.INVALID, length);
        final boolean answered;
        if (!decoded.isSuccess())
        {
            answered = ingress.clientError(connectionId, decoded.requestSequence(), decoded.error(), decoded.errorMessage());
        }
        else
        {
            final IngestBatch batch = IngestBatch.prepare(connectionId, decoded.requestSequence(), null, decoded.updates(),
                decoded.updateIndexes(), decoded.rejected(), tokens);
            if (publisher.tryPublishIngest(batch, receivedAtMs))
            {
                answered = true;
            }
            else
            {
                inbound.overloaded(false);
                answered = ingress.clientError(connectionId, decoded.requestSequence(), ErrorCode.OVERLOADED,
                    "pipeline full: nothing of this message was applied, retry it");
                pauseReading(channel);
            }
        }
        answered(answered);
    }

    /**
     * A publisher that overloads the ring is not read for the retry hint's duration: its pipelined messages would
     * otherwise each take a control slot for their OVERLOADED answer, the slots other clients need.
     */
    private static void pauseReading(final WebSocketChannel channel)
    {
        channel.suspendReceives();
        channel.getIoThread().executeAfter(channel::resumeReceives, OVERLOADED_PAUSE_MS, TimeUnit.MILLISECONDS);
    }
}
