package io.tokenfeed.transport.metrics;

/** One value of a metric, with the values of its labels in the metric's label order (none for a metric without labels). */
record Sample(String[] labelValues, double value)
{
    private static final String[] NONE = new String[0];

    static Sample of(final double value)
    {
        return new Sample(NONE, value);
    }

    static Sample of(final String labelValue, final double value)
    {
        return new Sample(new String[] {labelValue}, value);
    }

    static Sample of(final String first, final String second, final double value)
    {
        return new Sample(new String[] {first, second}, value);
    }
}
