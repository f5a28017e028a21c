package io.tokenfeed.engine.encode;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.StageProgress;
import io.tokenfeed.engine.token.TokenRegistry;

/**
 * Stage 2: serialises each accepted update's {@code data} once, into the event's own region of the off-heap slab.
 * Stale updates and control events pass through untouched.
 */
public final class EncodeHandler implements EventHandler<PipelineEvent>
{
    private final TokenRegistry tokens;
    private final StageProgress progress;

    public EncodeHandler(final TokenRegistry tokens, final StageProgress progress)
    {
        this.tokens = tokens;
        this.progress = progress;
    }

    @Override
    public void setSequenceCallback(final Sequence sequence)
    {
        progress.sequence(sequence);
    }

    @Override
    public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (event.type() == EventType.TOKEN_UPDATE && !event.stale())
            {
                final int length = TokenDataEncoder.encode(event, tokens.addressBytes(event.tokenId()), event.encodedBuffer());
                event.encodedLength(length);
            }
        }
        finally
        {
            // Even when the event failed: the next stage must not wait for a signal that never comes.
            if (endOfBatch)
            {
                progress.batchDone(sequence);
            }
        }
    }
}
