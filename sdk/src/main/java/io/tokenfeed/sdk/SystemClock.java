package io.tokenfeed.sdk;

/** {@link ClientClock#system()}. */
enum SystemClock implements ClientClock
{
    INSTANCE;

    @Override
    public long nanoTime()
    {
        return System.nanoTime();
    }

    @Override
    public long epochMillis()
    {
        return System.currentTimeMillis();
    }
}
