package io.tokenfeed.engine.apply;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import java.util.Arrays;
import io.tokenfeed.engine.IngestBatch;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.StageProgress;

/**
 * Stage 1: the single writer of per-token versions. Assigns the next version to updates that carry none and marks
 * updates whose version is not newer than the token's current one as stale (counted, never delivered).
 */
public final class ApplyHandler implements EventHandler<PipelineEvent>
{
    /** A token without state accepts any version, 0 included; the server's own numbering starts at 1. */
    private static final long NO_VERSION = -1;

    private final long[] versions;
    private final StageProgress progress;
    private long staleUpdates;
    private long appliedUpdates;

    public ApplyHandler(final int maxTokens, final StageProgress progress)
    {
        this.versions = new long[maxTokens];
        Arrays.fill(versions, NO_VERSION);
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
            if (event.type() == EventType.TOKEN_UPDATE)
            {
                apply(event);
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
