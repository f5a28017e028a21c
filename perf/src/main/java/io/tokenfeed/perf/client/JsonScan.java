package io.tokenfeed.perf.client;

import java.nio.charset.StandardCharsets;

/** Just enough JSON reading for the harness, on raw bytes, without allocating: find a key, read a number. */
public final class JsonScan
{
    private JsonScan()
    {
    }

    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Index just after the first {@code pattern} in {@code bytes[from, end)}, or -1. */
    public static int after(final byte[] bytes, final int from, final int end, final byte[] pattern)
    {
        for (int i = from, last = end - pattern.length; i <= last; i++)
        {
            if (startsWith(bytes, i, end, pattern))
            {
                return i + pattern.length;
            }
        }
        return -1;
    }

    public static boolean startsWith(final byte[] bytes, final int at, final int end, final byte[] pattern)
    {
        if (at + pattern.length > end)
        {
            return false;
        }
        for (int j = 0; j < pattern.length; j++)
        {
            if (bytes[at + j] != pattern[j])
            {
                return false;
            }
        }
        return true;
    }

    /** The non-negative integer starting at {@code at}. */
    public static long number(final byte[] bytes, final int at, final int end)
    {
        long value = 0;
        for (int i = at; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++)
        {
            value = value * 10 + bytes[i] - '0';
        }
        return value;
    }

    /** Index of the first byte after the digits starting at {@code at}. */
    public static int skipDigits(final byte[] bytes, final int at, final int end)
    {
        int i = at;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9')
        {
            i++;
        }
        return i;
    }
}
