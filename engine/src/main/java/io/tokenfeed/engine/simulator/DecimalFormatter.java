package io.tokenfeed.engine.simulator;

import org.agrona.MutableDirectBuffer;

/**
 * Writes a fixed-point amount ({@code units * 10^-scale}) as a contract decimal string, without allocation:
 * no exponent, no sign, no leading zeros, trailing fractional zeros trimmed ({@code 1.50} is written {@code 1.5},
 * {@code 2.00} is written {@code 2}).
 */
final class DecimalFormatter
{
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private DecimalFormatter()
    {
    }

    /** @return bytes written at {@code offset}. */
    static int write(final long units, final int scale, final MutableDirectBuffer dst, final int offset)
    {
        if (units < 0)
        {
            throw new IllegalArgumentException("negative amount: " + units);
        }
        final long divisor = POWERS_OF_TEN[scale];
        int at = offset + dst.putNaturalLongAscii(offset, units / divisor);
        long fraction = units % divisor;
        if (fraction == 0)
        {
            return at - offset;
        }
        int digits = scale;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }
        dst.putByte(at++, (byte)'.');
        for (int i = digits - 1; i >= 0; i--)
        {
            dst.putByte(at + i, (byte)('0' + fraction % 10));
            fraction /= 10;
        }
        return at + digits - offset;
    }
}
