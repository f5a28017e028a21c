package io.tokenfeed.engine.encode;

import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.SignallingStage;
import io.tokenfeed.engine.ring.StageProgress;
import io.tokenfeed.engine.token.TokenRegistry;
import org.agrona.concurrent.NanoClock;

/**
 * Stage 2: serialises each accepted update's {@code data} once, into the event's own region of the off-heap slab.
 * Stale updates and control events pass through untouched.
 */
public final class EncodeHandler extends SignallingStage
{
    private final TokenRegistry tokens;

    public EncodeHandler(final TokenRegistry tokens, final StageProgress progress)
    {
        this(tokens, progress, null, null);
    }

    /** @param dwell where each update's wait in the ring before this stage is recorded */
    public EncodeHandler(final TokenRegistry tokens, final StageProgress progress, final LatencyTracker dwell, final NanoClock nanoClock)
    {
        super(progress, dwell, nanoClock);
        this.tokens = tokens;
    }

    @Override
    protected void process(final PipelineEvent event)
    {
        if (event.type() == EventType.TOKEN_UPDATE && !event.stale())
        {
            event.encodedLength(TokenDataEncoder.encode(event, tokens.addressBytes(event.tokenId()), event.encodedBuffer()));
        }
    }
}
