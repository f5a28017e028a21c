package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: a server with the simulator on, headless Chromium opening {@code GET /}, and the DOM
 * read over the DevTools protocol. Proves the page's own data paths: /metrics parsed in the page (errors by code
 * included), charts drawn by ECharts from the jar, the token table fed by the page's WebSocket subscription. Leaves a
 * screenshot in {@code target/dashboard-screenshot.png}.
 */
class DashboardBrowserTest
{
    private static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");
    private static final Path CHROMIUM_LOG = Path.of("target", "dashboard-chromium.log");
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<String> CHARTS = List.of("chart-connections", "chart-deliveries", "chart-latency", "chart-errors");

    /** Everything the assertions need from the DOM, in one evaluation. */
    private static final String DOM_STATE = """
        JSON.stringify({
          connections: document.getElementById('stat-connections').textContent,
          deliveries: document.getElementById('stat-deliveries').textContent,
          p99: document.getElementById('stat-p99').textContent,
          readiness: document.getElementById('readiness').dataset.state,
          budget: document.getElementById('budget').dataset.state,
          metrics: document.getElementById('metrics-state').dataset.state,
          ws: document.getElementById('ws-state').dataset.state,
          subscribed: document.getElementById('ws-subscribed').textContent,
          errorsByCode: Object.fromEntries(Array.from(document.querySelectorAll('#errors-by-code tr[data-code]')).map(tr =>
            [tr.dataset.code, Number(tr.dataset.total)])),
          rows: Object.fromEntries(Array.from(document.querySelectorAll('#token-rows tr[data-address]')).map(tr =>
            [tr.dataset.address, {version: Number(tr.dataset.version), updates: Number(tr.dataset.updates),
              price: tr.querySelector('[data-field="price"]').textContent}])),
          charts: Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map(el => {
            const canvas = el.querySelector('canvas');
            let painted = 0;
            if (canvas && canvas.width > 0 && canvas.height > 0) {
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
            }
            return [el.id, {canvas: canvas !== null, painted: painted, points: Number(el.dataset.points),
              series: Number(el.dataset.series), rendered: Number(el.dataset.rendered)}];
          }))
        })""";

    @Test
    void shouldShowLiveMetricsChartsAndTokenUpdatesWhenOpenedInARealBrowser() throws Exception
    {
        try (TokenFeedServer server = TestServers.start("simulator.enabled", "true", "simulator.interval-ms", "200",
                "simulator.tokens", "20");
             WsTestClient first = WsTestClient.connect(server.port());
             WsTestClient second = WsTestClient.connect(server.port());
             HeadlessChromium chromium = HeadlessChromium.launch(CHROMIUM_LOG))
        {
            first.next(ConnectionMessage.class);
            chromium.navigate("http://127.0.0.1:" + server.port() + "/");

            // The page's own WebSocket and the test's two: the tile shows what /metrics says, and follows it.
            within().untilAsserted(() -> assertThat(dom(chromium)).containsEntry("connections", "3").containsEntry("ws", "open"));
            assertThat(MetricsEndpointTest.scrape(server)).containsEntry("tokenfeed_connections{state=\"open\"}", 3.0);
            second.close();
            within().untilAsserted(() -> assertThat(dom(chromium)).containsEntry("connections", "2"));

            // The table: the server's 20 tokens, every one subscribed on the page's WebSocket.
            within().untilAsserted(() ->
            {
                final Map<String, Object> dom = dom(chromium);
                assertThat(rows(dom)).hasSize(20);
                assertThat(dom).containsEntry("subscribed", "20");
            });
            final Map<String, Long> before = versions(rows(dom(chromium)));
            assertThat(before.values()).allSatisfy(version -> assertThat(version).isPositive());
            // Live updates through that WebSocket: versions rise, counted as WebSocket-applied on the row.
            within().untilAsserted(() ->
            {
                final Map<String, Map<String, Object>> rows = rows(dom(chromium));
                assertThat(rows.entrySet()).anySatisfy(row ->
                {
                    assertThat(((Number)row.getValue().get("version")).longValue()).isGreaterThan(before.get(row.getKey()));
                    assertThat(((Number)row.getValue().get("updates")).longValue()).isPositive();
                    assertThat((String)row.getValue().get("price")).matches("[0-9.]+");
                });
            });

            // Charts: a canvas per chart, drawn by ECharts, with points from several scrapes.
            within().untilAsserted(() ->
            {
                final Map<String, Object> charts = map(dom(chromium).get("charts"));
                assertThat(charts).containsOnlyKeys(CHARTS);
                for (final String id : CHARTS)
                {
                    final Map<String, Object> chart = map(charts.get(id));
                    assertThat(chart).as(id).containsEntry("canvas", true);
                    assertThat(((Number)chart.get("painted")).longValue()).as(id + " painted pixels").isGreaterThan(1000);
                    assertThat(((Number)chart.get("rendered")).longValue()).as(id + " renders").isPositive();
                    assertThat(((Number)chart.get("points")).longValue()).as(id + " points").isGreaterThanOrEqualTo(3);
                }
            });

            // Errors by code: one malformed message from a test client shows up in the table and as its own line.
            first.send("{");
            first.next(ErrorMessage.class);
            within().untilAsserted(() ->
            {
                final Map<String, Object> dom = dom(chromium);
                assertThat(map(dom.get("errorsByCode"))).containsOnly(Map.entry("INVALID_MESSAGE", 1L));
                assertThat(((Number)map(map(dom.get("charts")).get("chart-errors")).get("series")).longValue()).isEqualTo(4);
            });

            // Figures that only a working parser and rate computation give, and the budget and readiness state.
            within().untilAsserted(() ->
            {
                final Map<String, Object> dom = dom(chromium);
                assertThat(Double.parseDouble(((String)dom.get("deliveries")).replace(",", ""))).as("deliveries/s").isPositive();
                assertThat((String)dom.get("p99")).matches("[0-9.]+ ms");
                assertThat(dom).containsEntry("metrics", "ok").containsEntry("budget", "ok").containsEntry("readiness", "UP");
            });

            chromium.screenshot(SCREENSHOT);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
            assertThat(chromium.pageErrors()).as("errors in the page").isEmpty();
        }
    }

    private static ConditionFactory within()
    {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    private static Map<String, Object> dom(final HeadlessChromium chromium)
    {
        return chromium.evaluateJson(DOM_STATE);
    }

    private static Map<String, Map<String, Object>> rows(final Map<String, Object> dom)
    {
        final Map<String, Map<String, Object>> rows = new HashMap<>();
        map(dom.get("rows")).forEach((address, row) -> rows.put(address, map(row)));
        return rows;
    }

    private static Map<String, Long> versions(final Map<String, Map<String, Object>> rows)
    {
        final Map<String, Long> versions = new HashMap<>();
        rows.forEach((address, row) -> versions.put(address, ((Number)row.get("version")).longValue()));
        return versions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value)
    {
        return (Map<String, Object>)value;
    }
}
