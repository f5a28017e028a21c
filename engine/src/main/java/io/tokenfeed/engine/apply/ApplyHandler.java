package io.tokenfeed.engine.apply;

import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.SignallingStage;
import io.tokenfeed.engine.ring.StageProgress;
import java.util.Arrays;
import org.agrona.concurrent.NanoClock;

/**
 * Stage 1: the single writer of per-token versions. Assigns the next version to updates that carry none and marks
 * updates whose version is not newer than the token's current one as stale (counted, never delivered).
 */
public final class ApplyHandler extends SignallingStage
{
    /** A token without state accepts any version, 0 included; the server's own numbering starts at 1. */
    private static final long NO_VERSION = -1;

    private final long[] versions;
    private long staleUpdates;
    private long appliedUpdates;

    public ApplyHandler(final int maxTokens, final StageProgress progress)
    {
        this(maxTokens, progress, null, null);
    }

    /** @param dwell where each update's wait in the ring before this stage is recorded */
    public ApplyHandler(final int maxTokens, final StageProgress progress, final LatencyTracker dwell, final NanoClock nanoClock)
    {
        super(progress, dwell, nanoClock);
        this.versions = new long[maxTokens];
        Arrays.fill(versions, NO_VERSION);
    }

    @Override
    protected void process(final PipelineEvent event)
    {
        if (event.type() == EventType.TOKEN_UPDATE)
        {
            apply(event);
        }
    }

    private void apply(final PipelineEvent event)
    {
        final int tokenId = event.tokenId();
        final long current = versions[tokenId];
        final long offered = event.version();
        if (offered == PipelineEvent.ABSENT)
        {
            event.version(Math.max(current, 0) + 1);
        }
        else if (offered <= current)
        {
            event.markStale();
            staleUpdates++;
            if (event.attachment() instanceof IngestBatch)
            {
                ((IngestBatch)event.attachment()).countDuplicate();
            }
            return;
        }
        versions[tokenId] = event.version();
        appliedUpdates++;
    }

    /** Plain read: exact only on the stage thread or after the ring has stopped. */
    public long staleUpdates()
    {
        return staleUpdates;
    }

    public long appliedUpdates()
    {
        return appliedUpdates;
    }
}
