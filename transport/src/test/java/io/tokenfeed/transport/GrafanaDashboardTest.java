package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.transport.metrics.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/grafana-dashboard.json only queries metrics the server exports: a renamed metric breaks this, not a dashboard. */
class GrafanaDashboardTest
{
    private static final Pattern METRIC = Pattern.compile("\\b((?:tokenfeed|jvm|process)_[a-z0-9_]+)");

    @Test
    void shouldQueryOnlyMetricsTheServerExports() throws Exception
    {
        final String dashboard = Files.readString(Path.of("..", "docs", "grafana-dashboard.json"));
        final Set<String> exported = new HashSet<>();
        for (final Metric metric : Metric.values())
        {
            exported.add(metric.type() == Metric.Type.COUNTER ? metric.prometheusName() + "_total" : metric.prometheusName());
        }
        try (TokenFeedServer server = TestServers.start())
        {
            for (final String series : MetricsEndpointTest.scrape(server).keySet())
            {
                exported.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series);
            }
        }
        final Set<String> queried = new TreeSet<>();
        final Matcher names = METRIC.matcher(dashboard);
        while (names.find())
        {
            queried.add(names.group(1));
        }

        assertThat(queried).hasSizeGreaterThan(15);
        assertThat(exported).containsAll(queried);
    }
}
