package io.tokenfeed.engine.latency;

import org.HdrHistogram.Histogram;

/**
 * The latencies of the last {@code windowMs}, kept in ten slots of a tenth each: the oldest slot is dropped as time
 * moves on, so the window slides in steps of a tenth. Not thread-safe: {@link LatencyTracker} guards it.
 */
final class LatencyWindow
{
    private static final int SLOTS = 10;

    private final long slotMs;
    private final Histogram[] slots = new Histogram[SLOTS];
    private final long[] slotNumbers = new long[SLOTS];

    LatencyWindow(final long windowMs, final long highestTrackableNs)
    {
        this.slotMs = Math.max(1, windowMs / SLOTS);
        for (int i = 0; i < SLOTS; i++)
        {
            slots[i] = new Histogram(1, highestTrackableNs, 3);
            slotNumbers[i] = -1;
        }
    }

    /** Adds what was recorded since the previous drain to the slot of {@code nowMs}. */
    void add(final Histogram drained, final long nowMs)
    {
        final long number = nowMs / slotMs;
        final int i = (int)(number % SLOTS);
        if (slotNumbers[i] != number)
        {
            slots[i].reset();
            slotNumbers[i] = number;
        }
        slots[i].add(drained);
    }

    /** A new histogram holding every slot still inside the window at {@code nowMs}. */
    Histogram snapshot(final long nowMs)
    {
        final long newest = nowMs / slotMs;
        final Histogram merged = new Histogram(1, slots[0].getHighestTrackableValue(), 3);
        for (int i = 0; i < SLOTS; i++)
        {
            if (slotNumbers[i] > newest - SLOTS)
            {
                merged.add(slots[i]);
            }
        }
        return merged;
    }

    long windowMs()
    {
        return slotMs * SLOTS;
    }
}
