package io.tokenfeed.transport.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.tokenfeed.engine.fanout.PipelineCounters;
import io.tokenfeed.engine.latency.LatencyTracker;
import io.tokenfeed.engine.latency.StageDwell;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Every {@link Metric}, read from its owner at scrape time and handed to the Prometheus client as snapshots: the
 * exposition format is the client's, not ours. The latency summaries' quantiles come from the HdrHistogram of the
 * sliding window (p50, p90, p99, p99.9), their count and sum from running totals; batch sizes are a classic histogram.
 */
public final class TokenFeedCollector implements MultiCollector
{
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private final MetricSources sources;

    public TokenFeedCollector(final MetricSources sources)
    {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect()
    {
        final List<MetricSnapshot> snapshots = new ArrayList<>(Metric.values().length);
        for (final Metric metric : Metric.values())
        {
            snapshots.add(switch (metric.type())
            {
                case COUNTER -> counter(metric);
                case GAUGE -> gauge(metric);
                case SUMMARY -> latencySummary(metric);
                case HISTOGRAM -> batchHistogram(metric);
            });
        }
        return new MetricSnapshots(snapshots);
    }

    private MetricSnapshot counter(final Metric metric)
    {
        final CounterSnapshot.Builder builder = CounterSnapshot.builder().name(metric.prometheusName()).help(metric.help());
        for (final Sample sample : metric.read(sources))
        {
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(sample.value()).labels(labels(metric, sample))
                .build());
        }
        return builder.build();
    }

    private MetricSnapshot gauge(final Metric metric)
    {
        final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(metric.prometheusName()).help(metric.help());
        for (final Sample sample : metric.read(sources))
        {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(sample.value()).labels(labels(metric, sample))
                .build());
        }
        return builder.build();
    }

    /**
     * The delivery latency (no label) or the ring dwell of each stage ({@code stage}): quantiles of the sliding window,
     * {@code _count} and {@code _sum} since start (Prometheus reads them as counters, so they must never go down).
     */
    private MetricSnapshot latencySummary(final Metric metric)
    {
        final SummarySnapshot.Builder summary = SummarySnapshot.builder().name(metric.prometheusName()).help(metric.help());
        if (metric == Metric.RING_DWELL)
        {
            final StageDwell dwell = sources.engine().stageDwell();
            summary.dataPoint(dataPoint(dwell.apply(), Labels.of(metric.labels()[0], "apply")));
            summary.dataPoint(dataPoint(dwell.encode(), Labels.of(metric.labels()[0], "encode")));
            summary.dataPoint(dataPoint(dwell.fanOut(), Labels.of(metric.labels()[0], "fanout")));
        }
        else
        {
            summary.dataPoint(dataPoint(sources.engine().latency(), Labels.EMPTY));
        }
        return summary.build();
    }

    private static SummarySnapshot.SummaryDataPointSnapshot dataPoint(final LatencyTracker tracker, final Labels labels)
    {
        final Histogram window = tracker.window();
        final Quantiles.Builder quantiles = Quantiles.builder();
        for (final double q : QUANTILES)
        {
            quantiles.quantile(new Quantile(q, window.getTotalCount() == 0 ? Double.NaN
                : window.getValueAtPercentile(q * 100) / NANOS_PER_SECOND));
        }
        return SummarySnapshot.SummaryDataPointSnapshot.builder().quantiles(quantiles.build()).labels(labels)
            .count(tracker.count()).sum(tracker.sumNs() / NANOS_PER_SECOND).build();
    }

    private MetricSnapshot batchHistogram(final Metric metric)
    {
        final PipelineCounters counters = sources.engine().pipelineCounters();
        final long[] bounds = PipelineCounters.batchBounds();
        final double[] upperBounds = new double[bounds.length + 1];
        final long[] counts = new long[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++)
        {
            upperBounds[i] = bounds[i];
            counts[i] = counters.batchesIn(i);
        }
        // No message holds more than the batch limit: the +Inf bucket stays empty.
        upperBounds[bounds.length] = Double.POSITIVE_INFINITY;
        return HistogramSnapshot.builder().name(metric.prometheusName()).help(metric.help())
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, counts)).sum(counters.batchEntries()).build())
            .build();
    }

    private static Labels labels(final Metric metric, final Sample sample)
    {
        return sample.labelValues().length == 0 ? Labels.EMPTY : Labels.of(metric.labels(), sample.labelValues());
    }
}
