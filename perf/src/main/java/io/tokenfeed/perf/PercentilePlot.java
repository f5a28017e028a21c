package io.tokenfeed.perf;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An HDR percentile plot as a self-contained HTML page (inline SVG): latency against percentile on the usual
 * 1 / (1 - p) axis, so the tail is as readable as the median; corrected and uncorrected latency side by side.
 */
final class PercentilePlot
{
    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 60;
    /** The axis ends at 99.999 %. */
    private static final double MAX_NINES = 5;

    private PercentilePlot()
    {
    }

    static String html(final String title, final Histogram corrected, final Histogram uncorrected)
    {
        final double maxMs = Math.max(1, Math.max(corrected.getMaxValue(), uncorrected.getMaxValue()) / 1000.0);
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' "
            + "font-size='12'>", WIDTH + 2 * MARGIN, HEIGHT + 2 * MARGIN));
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final double x = MARGIN + WIDTH * nines / MAX_NINES;
            final String label = nines == 0 ? "0%" : String.format(Locale.ROOT, "%s%%", 100 - 100 / Math.pow(10, nines));
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/><text x='%.1f' y='%d' "
                + "text-anchor='middle'>%s</text>", x, MARGIN, x, MARGIN + HEIGHT, x, MARGIN + HEIGHT + 18, label));
        }
        for (int i = 0; i <= 4; i++)
        {
            final double y = MARGIN + HEIGHT - HEIGHT * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' "
                + "text-anchor='end'>%.1f ms</text>", MARGIN, y, MARGIN + WIDTH, y, MARGIN - 6, y + 4, maxMs * i / 4));
        }
        svg.append(line(corrected, maxMs, "#c0392b")).append(line(uncorrected, maxMs, "#2980b9"));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='#c0392b'>from intended send time (corrected)</text>"
            + "<text x='%d' y='%d' fill='#2980b9'>from actual send time (uncorrected)</text></svg>", MARGIN + 10, MARGIN - 24,
            MARGIN + 10, MARGIN - 8));
        return "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body><h3>" + title + "</h3>"
            + svg + "</body></html>\n";
    }

    private static String line(final Histogram histogram, final double maxMs, final String colour)
    {
        final StringBuilder points = new StringBuilder();
        for (final HistogramIterationValue value : histogram.percentiles(5))
        {
            final double percentile = value.getPercentileLevelIteratedTo() / 100.0;
            final double nines = percentile >= 1 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(1 - percentile));
            final double x = MARGIN + WIDTH * nines / MAX_NINES;
            final double y = MARGIN + HEIGHT - HEIGHT * Math.min(1, value.getValueIteratedTo() / 1000.0 / maxMs);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline fill='none' stroke='" + colour + "' stroke-width='2' points='" + points + "'/>";
    }
}
