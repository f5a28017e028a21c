package io.tokenfeed.engine.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.protocol.DecimalString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;

class DecimalFormatterTest
{
    @Property
    void shouldWriteTheExactValueAsAValidDecimalString(
        @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) final long units,
        @ForAll @IntRange(min = 0, max = 18) final int scale)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        final int length = DecimalFormatter.write(units, scale, buffer, 3);

        final byte[] bytes = new byte[length];
        buffer.getBytes(3, bytes);
        final String text = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(DecimalString.isValid(text)).as(text).isTrue();
        assertThat(new BigDecimal(text)).isEqualByComparingTo(BigDecimal.valueOf(units, scale));
        assertThat(text).doesNotEndWith(".");
        if (text.contains("."))
        {
            assertThat(text).doesNotEndWith("0");
        }
    }
}
