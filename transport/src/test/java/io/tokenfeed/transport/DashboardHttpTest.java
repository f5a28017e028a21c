package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /} and its assets over plain HTTP: content types, caching, compression, and 404 for anything else. */
class DashboardHttpTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ECHARTS = Pattern.compile("src=\"(/assets/echarts/([0-9.]+)/echarts\\.min\\.js)\"");
    private static TokenFeedServer server;

    @BeforeAll
    static void start()
    {
        server = TestServers.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void shouldServeThePageWithItsScriptsAndElementsWhenRootIsRequested() throws Exception
    {
        final HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("ETag")).isPresent();
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
            .contains("script-src 'self'").contains("connect-src 'self'");
        assertThat(page.body()).contains("src=\"/assets/dashboard/dashboard.js\"", "src=\"/assets/dashboard/prometheus.js\"",
            "id=\"stat-connections\"", "id=\"chart-latency\"", "id=\"token-rows\"", "id=\"readiness\"", "id=\"budget\"",
            "Apache License 2.0").doesNotContain("{{", "http://", "https://");
        final Matcher echarts = ECHARTS.matcher(page.body());
        assertThat(echarts.find()).as("the page loads ECharts from the jar, by version").isTrue();
        assertThat(echarts.group(2)).isEqualTo("5.3.1");

        for (final String asset : new String[] {"/assets/dashboard/dashboard.js", "/assets/dashboard/prometheus.js"})
        {
            final HttpResponse<String> script = get(asset);
            assertThat(script.statusCode()).as(asset).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).as(asset).hasValue("text/javascript; charset=utf-8");
            assertThat(script.headers().firstValue("Cache-Control")).as(asset).hasValue("no-cache");
        }
        assertThat(get("/assets/dashboard/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/assets/dashboard/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void shouldServeEchartsImmutableAndCompressedWithItsLicenceWhenItsVersionedPathIsRequested() throws Exception
    {
        final String path = "/assets/echarts/5.3.1/echarts.min.js";
        final HttpResponse<byte[]> plain = getBytes(path, null, null);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body().length).isGreaterThan(500_000);
        assertThat(new String(plain.body(), 0, 2000, StandardCharsets.UTF_8)).contains("Apache License, Version 2.0");

        final HttpResponse<byte[]> gzipped = getBytes(path, "gzip, deflate", null);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));

        final String etag = plain.headers().firstValue("ETag").orElseThrow();
        final HttpResponse<byte[]> revalidated = getBytes(path, null, etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(getBytes(path, null, "\"something-else\"").statusCode()).isEqualTo(200);

        final HttpResponse<String> licence = get("/assets/echarts/5.3.1/LICENSE");
        assertThat(licence.statusCode()).isEqualTo(200);
        assertThat(licence.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(licence.body()).contains("Apache License");
        assertThat(get("/assets/echarts/5.3.1/NOTICE").body()).contains("Apache ECharts");
    }

    @Test
    void shouldAnswer404ForAnyOtherAssetAnd405ForOtherMethods() throws Exception
    {
        for (final String path : new String[] {"/assets/nope.js", "/assets/", "/assets", "/assets/echarts/5.3.1/dist/echarts.js",
            "/assets/echarts/5.3.2/echarts.min.js", "/assets/echarts/5.3.1/../../../logback.xml", "/assets/dashboard/index.html",
            "/assets/dashboard/%2e%2e/%2e%2e/logback.xml", "/index.html", "/dashboard"})
        {
            final HttpResponse<String> missing = get(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
        }

        final HttpResponse<String> post = HTTP.send(request("/").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        final HttpResponse<String> head = HTTP.send(request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(head.body()).isEmpty();
    }

    private static HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return TestServers.get(server, path);
    }

    private static HttpResponse<byte[]> getBytes(final String path, final String acceptEncoding, final String ifNoneMatch)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder builder = request(path);
        if (acceptEncoding != null)
        {
            builder.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null)
        {
            builder.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(final byte[] gzipped) throws IOException
    {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped)))
        {
            return in.readAllBytes();
        }
    }
}
