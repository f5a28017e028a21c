package io.tokenfeed.transport.http;

import io.tokenfeed.protocol.ErrorCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /}: the live dashboard, and {@code GET /assets/...}: its script and style sheet and the ECharts bundle with
 * its licence, all read from the jar. Only the files listed here are served; any other path is 404, so nothing else on
 * the class path can be reached through a crafted path.
 *
 * <p>The files are read and compressed once, on the first request (on a worker thread), and then served from memory on
 * the IO thread. Caching: the page and its own assets are {@code no-cache} (revalidated with their ETag, so a new server
 * version is picked up at once); ECharts is served under its version ({@code /assets/echarts/5.3.1/...}) and cached for
 * a year as immutable. A client that accepts gzip gets the compressed copy of text files.
 */
public final class DashboardHandler implements HttpHandler
{
    /** Prefix of every asset path. */
    public static final String ASSETS_PATH = "/assets";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardHandler.class);
    private static final String OWN = "io/tokenfeed/transport/dashboard/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String ECHARTS_VERSION_TOKEN = "{{echartsVersion}}";
    private static final String REVALIDATE = "no-cache";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Scripts only from this server; inline styles are allowed for ECharts' tooltips; data only from this origin. */
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final HttpString CSP = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

    private volatile Map<String, Asset> assets;

    /** One servable file: its bytes, gzipped copy (null when not worth it) and the ETag of each. */
    private record Asset(String contentType, String cacheControl, byte[] body, String etag, byte[] gzipped, String gzippedEtag)
    {
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        Map<String, Asset> loaded = assets;
        if (loaded == null)
        {
            if (exchange.isInIoThread())
            {
                exchange.dispatch(this);
                return;
            }
            loaded = load();
        }
        final Asset asset = loaded.get(exchange.getRequestPath());
        if (asset == null)
        {
            JsonResponses.error(exchange, 404, ErrorCode.INVALID_MESSAGE, "no such endpoint: " + exchange.getRequestPath());
            return;
        }
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod()))
        {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            JsonResponses.error(exchange, 405, ErrorCode.INVALID_MESSAGE, "only GET and HEAD are supported here");
            return;
        }
        send(exchange, asset);
    }

    private static void send(final HttpServerExchange exchange, final Asset asset)
    {
        final HeaderMap headers = exchange.getResponseHeaders();
        final boolean gzip = asset.gzipped() != null && acceptsGzip(exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING));
        final String etag = gzip ? asset.gzippedEtag() : asset.etag();
        headers.put(Headers.CACHE_CONTROL, asset.cacheControl());
        headers.put(Headers.ETAG, etag);
        headers.put(NOSNIFF, "nosniff");
        if (asset.gzipped() != null)
        {
            headers.put(Headers.VARY, "Accept-Encoding");
        }
        if (matches(exchange.getRequestHeaders().get(Headers.IF_NONE_MATCH), etag))
        {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        headers.put(Headers.CONTENT_TYPE, asset.contentType());
        if (asset.contentType().startsWith("text/html"))
        {
            headers.put(CSP, PAGE_POLICY);
            headers.put(Headers.REFERRER_POLICY, "no-referrer");
        }
        if (gzip)
        {
            headers.put(Headers.CONTENT_ENCODING, "gzip");
        }
        final byte[] body = gzip ? asset.gzipped() : asset.body();
        headers.put(Headers.CONTENT_LENGTH, body.length);
        exchange.setStatusCode(200);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** {@code gzip} listed in Accept-Encoding without {@code q=0}. */
    static boolean acceptsGzip(final Iterable<String> acceptEncoding)
    {
        if (acceptEncoding == null)
        {
            return false;
        }
        for (final String header : acceptEncoding)
        {
            for (final String item : header.split(","))
            {
                final String[] parts = item.trim().toLowerCase(Locale.ROOT).split(";");
                if ("gzip".equals(parts[0].trim()))
                {
                    return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
                }
            }
        }
        return false;
    }

    /** If-None-Match: {@code *} or a list of (possibly weak) tags, compared weakly as RFC 9110 asks for this header. */
    static boolean matches(final Iterable<String> ifNoneMatch, final String etag)
    {
        if (ifNoneMatch == null)
        {
            return false;
        }
        for (final String header : ifNoneMatch)
        {
            for (final String item : header.split(","))
            {
                final String tag = item.trim();
                if ("*".equals(tag) || etag.equals(tag.startsWith("W/") ? tag.substring(2) : tag))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private synchronized Map<String, Asset> load()
    {
        if (assets == null)
        {
            assets = readAssets(DashboardHandler.class.getClassLoader());
        }
        return assets;
    }

    /** Request path to file. A file missing from the jar is logged and left out (its path answers 404). */
    private static Map<String, Asset> readAssets(final ClassLoader loader)
    {
        final String version = echartsVersion(loader);
        final String echarts = "META-INF/resources/webjars/echarts/" + version + "/";
        final String echartsPath = ASSETS_PATH + "/echarts/" + version + "/";
        final Map<String, Asset> served = new HashMap<>();
        final byte[] page = read(loader, OWN + "index.html");
        if (page != null)
        {
            final String html = new String(page, StandardCharsets.UTF_8).replace(ECHARTS_VERSION_TOKEN, version);
            served.put("/", asset("text/html; charset=utf-8", REVALIDATE, html.getBytes(StandardCharsets.UTF_8)));
        }
        add(served, loader, ASSETS_PATH + "/dashboard/dashboard.js", OWN + "dashboard.js", "text/javascript; charset=utf-8", REVALIDATE);
        add(served, loader, ASSETS_PATH + "/dashboard/prometheus.js", OWN + "prometheus.js", "text/javascript; charset=utf-8", REVALIDATE);
        add(served, loader, ASSETS_PATH + "/dashboard/dashboard.css", OWN + "dashboard.css", "text/css; charset=utf-8", REVALIDATE);
        add(served, loader, ASSETS_PATH + "/dashboard/favicon.svg", OWN + "favicon.svg", "image/svg+xml", REVALIDATE);
        add(served, loader, echartsPath + "echarts.min.js", echarts + "dist/echarts.min.js", "text/javascript; charset=utf-8", IMMUTABLE);
        add(served, loader, echartsPath + "LICENSE", echarts + "LICENSE", "text/plain; charset=utf-8", IMMUTABLE);
        add(served, loader, echartsPath + "NOTICE", echarts + "NOTICE", "text/plain; charset=utf-8", IMMUTABLE);
        add(served, loader, echartsPath + "licenses/LICENSE-d3", echarts + "licenses/LICENSE-d3", "text/plain; charset=utf-8", IMMUTABLE);
        return Map.copyOf(served);
    }

    /** The WebJar's own record of its version, so that a version bump in the pom needs no change here. */
    private static String echartsVersion(final ClassLoader loader)
    {
        final Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(ECHARTS_POM))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        catch (final IOException ex)
        {
            LOG.error("dashboard: cannot read {}", ECHARTS_POM, ex);
        }
        final String version = properties.getProperty("version");
        if (version == null || !version.matches("[0-9A-Za-z.\\-]+"))
        {
            LOG.error("dashboard: the ECharts WebJar (org.webjars.npm:echarts) is missing from the class path: the page has no charts");
            return "missing";
        }
        return version;
    }

    private static void add(
        final Map<String, Asset> served,
        final ClassLoader loader,
        final String path,
        final String resource,
        final String contentType,
        final String cacheControl)
    {
        final byte[] body = read(loader, resource);
        if (body != null)
        {
            served.put(path, asset(contentType, cacheControl, body));
        }
    }

    private static Asset asset(final String contentType, final String cacheControl, final byte[] body)
    {
        final byte[] gzipped = gzip(body);
        final boolean worthIt = gzipped.length < body.length * 9L / 10;
        return new Asset(contentType, cacheControl, body, etag(body, ""), worthIt ? gzipped : null, worthIt ? etag(body, "-gz") : null);
    }

    private static byte[] read(final ClassLoader loader, final String resource)
    {
        try (InputStream in = loader.getResourceAsStream(resource))
        {
            if (in == null)
            {
                LOG.error("dashboard: {} is missing from the jar; its path answers 404", resource);
                return null;
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            LOG.error("dashboard: cannot read {}", resource, ex);
            return null;
        }
    }

    private static byte[] gzip(final byte[] body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out))
        {
            zip.write(body);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("gzip into memory cannot fail", ex);
        }
        return out.toByteArray();
    }

    /** Strong tag from the content: the same bytes give the same tag across restarts and instances. */
    private static String etag(final byte[] body, final String suffix)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + suffix + "\"";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
