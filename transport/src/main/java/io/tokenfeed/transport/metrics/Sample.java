package io.tokenfeed.transport.metrics;

/** One value of a metric, with the value of its label (null for a metric without labels). */
record Sample(String labelValue, double value)
{
    static Sample of(final double value)
    {
        return new Sample(null, value);
    }

    static Sample of(final String labelValue, final double value)
    {
        return new Sample(labelValue, value);
    }
}
