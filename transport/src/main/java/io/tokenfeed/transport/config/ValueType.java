package io.tokenfeed.transport.config;

import java.util.Arrays;
import java.util.List;

/** How one configuration value is parsed and checked; the message of a failure says what was expected. */
abstract class ValueType
{
    static final ValueType STRING = new ValueType("a string")
    {
        @Override
        Object parse(final String raw)
        {
            return raw;
        }
    };

    /** A string that is never logged. */
    static final ValueType SECRET = new ValueType("a string")
    {
        @Override
        Object parse(final String raw)
        {
            return raw;
        }

        @Override
        boolean secret()
        {
            return true;
        }
    };

    static final ValueType BOOLEAN = new ValueType("true or false")
    {
        @Override
        Object parse(final String raw)
        {
            if ("true".equals(raw) || "false".equals(raw))
            {
                return Boolean.valueOf(raw);
            }
            return null;
        }
    };

    /** Comma-separated, blanks trimmed, empty entries dropped. */
    static final ValueType LIST = new ValueType("a comma-separated list")
    {
        @Override
        Object parse(final String raw)
        {
            return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    };

    static final ValueType SECRET_LIST = new ValueType("a comma-separated list")
    {
        @Override
        Object parse(final String raw)
        {
            return LIST.parse(raw);
        }

        @Override
        boolean secret()
        {
            return true;
        }
    };

    /** Ring sizes: the ring's off-heap slab (~832 bytes a slot) must stay below 2 GB, hence 2^21 at most. */
    static final ValueType RING_SIZE = new ValueType("a power of two in 64..2097152")
    {
        @Override
        Object parse(final String raw)
        {
            final Long value = parseLong(raw);
            return value != null && value >= 64 && value <= (1 << 21) && Long.bitCount(value) == 1 ? (Object)value.intValue() : null;
        }
    };

    private final String expected;

    ValueType(final String expected)
    {
        this.expected = expected;
    }

    static ValueType intRange(final int min, final int max)
    {
        return new ValueType("an integer in " + min + ".." + max)
        {
            @Override
            Object parse(final String raw)
            {
                final Long value = parseLong(raw);
                return value != null && value >= min && value <= max ? (Object)value.intValue() : null;
            }
        };
    }

    static ValueType longRange(final long min, final long max)
    {
        return new ValueType("an integer in " + min + ".." + max)
        {
            @Override
            Object parse(final String raw)
            {
                final Long value = parseLong(raw);
                return value != null && value >= min && value <= max ? value : null;
            }
        };
    }

    static ValueType oneOf(final String... choices)
    {
        final List<String> allowed = List.of(choices);
        return new ValueType("one of " + String.join(", ", allowed))
        {
            @Override
            Object parse(final String raw)
            {
                return allowed.contains(raw) ? raw : null;
            }
        };
    }

    /** @return the parsed value, or null when the text is not acceptable. */
    abstract Object parse(String raw);

    String expected()
    {
        return expected;
    }

    boolean secret()
    {
        return false;
    }

    private static Long parseLong(final String raw)
    {
        try
        {
            return Long.parseLong(raw.trim());
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
