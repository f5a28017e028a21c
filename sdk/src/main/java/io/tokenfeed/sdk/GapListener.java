package io.tokenfeed.sdk;

/** Told of every sequence {@link Gap}, on the client's thread, before the message that revealed it is delivered. */
@FunctionalInterface
public interface GapListener
{
    /**
     * @param gap where the sequence jumped
     */
    void onGap(Gap gap);
}
