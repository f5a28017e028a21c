package io.tokenfeed.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one run measured, as text for people and JSON for tools. Latencies in microseconds.
 *
 * @param serverCpuNs   CPU time of the server process over the recorded seconds (embedded: harness included), or -1
 * @param serverRssBytes resident memory of the server process at the end, or -1
 * @param harnessCpuNs  CPU time of the harness (the load generator) over the same seconds, or -1 when embedded
 * @param serverHeap    the server's Java heap at the end of the run (-1 when it could not be read)
 */
public record Report(
    HarnessOptions options,
    boolean embedded,
    long updatesPublished,
    long updatesAccepted,
    long refusedBatches,
    long expectedDeliveries,
    long deliveries,
    double recordedSeconds,
    Histogram corrected,
    Histogram uncorrected,
    long missing,
    long duplicates,
    long gaps,
    long connectionErrors,
    long publisherMaxLagNs,
    boolean publisherHeldRate,
    long serverCpuNs,
    long harnessCpuNs,
    long serverRssBytes,
    HeapUsage serverHeap)
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** Deliveries recorded (after warm-up) per second. */
    public double deliveriesPerSecond()
    {
        return corrected.getTotalCount() / recordedSeconds;
    }

    /** The spec budget's verdict: the reasons it failed, empty when it passed. */
    public List<String> budgetFailures()
    {
        final List<String> failures = new ArrayList<>();
        final long p99Us = corrected.getValueAtPercentile(99);
        if (p99Us >= options.p99BudgetMs() * 1000)
        {
            failures.add("p99 " + p99Us / 1000.0 + " ms is not under " + options.p99BudgetMs() + " ms");
        }
        if (missing > 0 || duplicates > 0 || gaps > 0)
        {
            failures.add(missing + " missing, " + duplicates + " duplicate deliveries, " + gaps + " sequence gaps");
        }
        if (!publisherHeldRate)
        {
            failures.add("the publisher could not hold the target rate");
        }
        if (refusedBatches > 0 || connectionErrors > 0)
        {
            failures.add(refusedBatches + " batches refused, " + connectionErrors + " connection errors");
        }
        if (corrected.getTotalCount() == 0)
        {
            failures.add("nothing was recorded");
        }
        return failures;
    }

    public String text()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "tokenfeed load harness, scenario %s — %d connections x %d subscriptions of %d tokens, "
                + "%s, %d updates/s in batches of %d, %d s recorded after %d s warm-up (%s server)%s%n", options.scenario(),
            options.connections(), options.subscriptions(), options.tokens(), distribution(), options.rate(), options.batch(),
            options.seconds(),
            options.warmupSeconds(), embedded ? "embedded" : "external",
            options.stalled() > 0 ? "; plus " + options.stalled() + " clients that never read" : ""));
        out.append(String.format(Locale.ROOT, "published %d updates (%d accepted, %d batches refused); deliveries %d of %d expected; "
                + "%.0f deliveries/s recorded%n", updatesPublished, updatesAccepted, refusedBatches, deliveries, expectedDeliveries,
            deliveriesPerSecond()));
        out.append("latency from the intended send time (corrected): ").append(percentiles(corrected)).append('\n');
        out.append("latency from the actual send time (uncorrected): ").append(percentiles(uncorrected)).append('\n');
        out.append(String.format(Locale.ROOT, "missing %d, duplicates %d, sequence gaps %d, connection errors %d%n", missing, duplicates,
            gaps, connectionErrors));
        out.append(String.format(Locale.ROOT, "publisher max lag behind schedule: %.1f ms%s%n", publisherMaxLagNs / 1e6,
            publisherHeldRate ? "" : "  WARNING: over 1 % of batches left more than 10 ms late: the target rate was not held"));
        if (serverCpuNs >= 0)
        {
            out.append(String.format(Locale.ROOT, "server CPU %.2f cores, %.2f us per delivery%s; RSS %d MB; heap used %d MB of %d MB"
                    + " committed%n", serverCpuNs / 1e9 / recordedSeconds, serverCpuNs / 1000.0 / Math.max(1, corrected.getTotalCount()),
                embedded ? " (server and harness share the process)" : "", serverRssBytes / (1024 * 1024),
                serverHeap.usedBytes() / (1024 * 1024), serverHeap.committedBytes() / (1024 * 1024)));
        }
        if (harnessCpuNs >= 0)
        {
            out.append(String.format(Locale.ROOT, "harness (load generator) CPU %.2f cores on the same machine%n",
                harnessCpuNs / 1e9 / recordedSeconds));
        }
        return out.toString();
    }

    public String json()
    {
        final StringBuilder out = new StringBuilder("{");
        out.append("\"scenario\":\"").append(options.scenario()).append("\",\"stalled\":").append(options.stalled())
            .append(",\"connections\":").append(options.connections()).append(",\"subscriptions\":").append(options.subscriptions())
            .append(",\"tokens\":").append(options.tokens()).append(",\"distribution\":\"").append(distribution()).append('"')
            .append(",\"rate\":").append(options.rate())
            .append(",\"batch\":").append(options.batch()).append(",\"seconds\":").append(options.seconds())
            .append(",\"embedded\":").append(embedded).append(",\"updatesPublished\":").append(updatesPublished)
            .append(",\"updatesAccepted\":").append(updatesAccepted).append(",\"refusedBatches\":").append(refusedBatches)
            .append(",\"expectedDeliveries\":").append(expectedDeliveries).append(",\"deliveries\":").append(deliveries)
            .append(",\"deliveriesPerSecond\":").append(Math.round(deliveriesPerSecond()))
            .append(",\"latencyUs\":").append(percentilesJson(corrected))
            .append(",\"uncorrectedLatencyUs\":").append(percentilesJson(uncorrected))
            .append(",\"missing\":").append(missing).append(",\"duplicates\":").append(duplicates).append(",\"gaps\":").append(gaps)
            .append(",\"connectionErrors\":").append(connectionErrors).append(",\"publisherMaxLagUs\":").append(publisherMaxLagNs / 1000)
            .append(",\"publisherHeldRate\":").append(publisherHeldRate)
            .append(",\"serverCpuNs\":").append(serverCpuNs).append(",\"harnessCpuNs\":").append(harnessCpuNs)
            .append(",\"serverRssBytes\":").append(serverRssBytes)
            .append(",\"serverHeapUsedBytes\":").append(serverHeap.usedBytes())
            .append(",\"serverHeapCommittedBytes\":").append(serverHeap.committedBytes())
            .append(",\"budgetPassed\":").append(budgetFailures().isEmpty());
        return out.append('}').toString();
    }

    private String distribution()
    {
        return "zipf".equals(options.distribution()) ? "zipf s=" + options.zipfExponent() : options.distribution();
    }

    private static String percentiles(final Histogram h)
    {
        final StringBuilder out = new StringBuilder();
        for (final double p : PERCENTILES)
        {
            out.append(String.format(Locale.ROOT, "p%s=%.2f ms ", p == (long)p ? Long.toString((long)p) : Double.toString(p),
                h.getValueAtPercentile(p) / 1000.0));
        }
        return out.append(String.format(Locale.ROOT, "max=%.2f ms", h.getMaxValue() / 1000.0)).toString();
    }

    private static String percentilesJson(final Histogram h)
    {
        return String.format(Locale.ROOT, "{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p99.9\":%d,\"max\":%d,\"count\":%d}",
            h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
            h.getMaxValue(), h.getTotalCount());
    }
}
