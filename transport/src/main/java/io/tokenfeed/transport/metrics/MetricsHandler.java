package io.tokenfeed.transport.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format (0.0.4). Collecting reads histograms under a lock
 * and formats text, so it runs on a worker thread, never on an IO thread that also serves WebSockets.
 */
public final class MetricsHandler implements HttpHandler
{
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsHandler(final PrometheusRegistry registry)
    {
        this.registry = registry;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws IOException
    {
        if (exchange.isInIoThread())
        {
            exchange.dispatch(this);
            return;
        }
        final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, registry.scrape());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, writer.getContentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(body.toByteArray()));
    }
}
