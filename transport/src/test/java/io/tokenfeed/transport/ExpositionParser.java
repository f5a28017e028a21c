package io.tokenfeed.transport;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every sample must belong to a family declared by a
 * {@code # TYPE} line before it (counters named {@code _total}, summaries as quantiles, {@code _count} and {@code _sum}),
 * names and labels must be well formed, label values properly escaped, values valid floats, no series twice. Anything
 * else fails the parse with the offending line.
 */
final class ExpositionParser
{
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> SPECIAL_VALUES = Set.of("NaN", "+Inf", "-Inf");

    private ExpositionParser()
    {
    }

    /** @return every series ({@code name{label="value",...}} as written) with its value */
    static Map<String, Double> parse(final String exposition)
    {
        final Map<String, String> types = new HashMap<>();
        final Map<String, Double> series = new LinkedHashMap<>();
        for (final String line : exposition.split("\n"))
        {
            if (line.isEmpty() || HELP.matcher(line).matches())
            {
                continue;
            }
            final Matcher type = TYPE.matcher(line);
            if (type.matches())
            {
                require(types.put(type.group(1), type.group(2)) == null, "family declared twice", line);
                continue;
            }
            require(!line.startsWith("#"), "malformed comment", line);
            final Matcher sample = SAMPLE.matcher(line);
            require(sample.matches(), "malformed sample", line);
            final String labels = sample.group(3) == null ? "" : sample.group(3);
            checkLabels(labels, line);
            checkFamily(sample.group(1), labels, types, line);
            final String value = sample.group(4);
            if (!SPECIAL_VALUES.contains(value))
            {
                try
                {
                    Double.parseDouble(value);
                }
                catch (final NumberFormatException ex)
                {
                    throw new AssertionError("not a float: " + line, ex);
                }
            }
            final String key = sample.group(1) + (labels.isEmpty() ? "" : "{" + labels + "}");
            require(series.put(key, value.equals("NaN") ? Double.NaN : parseValue(value)) == null, "series twice", line);
        }
        return series;
    }

    private static double parseValue(final String value)
    {
        return switch (value)
        {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static void checkLabels(final String labels, final String line)
    {
        int at = 0;
        while (at < labels.length())
        {
            final Matcher label = LABEL.matcher(labels).region(at, labels.length());
            require(label.lookingAt(), "malformed label", line);
            at = label.end();
        }
    }

    private static void checkFamily(final String name, final String labels, final Map<String, String> types, final String line)
    {
        if (types.containsKey(name))
        {
            final String type = types.get(name);
            require(!"counter".equals(type) || name.endsWith("_total"), "a counter not named _total", line);
            require(!"summary".equals(type) || labels.contains("quantile=\""), "a summary sample without quantile", line);
            return;
        }
        for (final String suffix : new String[] {"_total", "_created", "_count", "_sum", "_bucket"})
        {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length())))
            {
                final String type = types.get(name.substring(0, name.length() - suffix.length()));
                final boolean fits = switch (suffix)
                {
                    case "_total", "_created" -> "counter".equals(type) || "_created".equals(suffix);
                    case "_count", "_sum" -> "summary".equals(type) || "histogram".equals(type);
                    default -> "histogram".equals(type);
                };
                require(fits, "suffix " + suffix + " does not fit a " + type, line);
                return;
            }
        }
        throw new AssertionError("sample of an undeclared family: " + line);
    }

    private static void require(final boolean condition, final String what, final String line)
    {
        if (!condition)
        {
            throw new AssertionError(what + ": " + line);
        }
    }
}
