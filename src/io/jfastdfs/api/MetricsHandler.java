package io.jfastdfs.api;

import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.ops.Metrics;

import java.nio.charset.StandardCharsets;

/** {G}/metrics and /metrics (API.md §6.1): Prometheus text for admins (a scraper's IP goes in admin_ips). */
public final class MetricsHandler implements Handler {
    private final Metrics metrics;

    public MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Reply handle(Request req) {
        return Reply.bytes(200, Metrics.CONTENT_TYPE, metrics.render().getBytes(StandardCharsets.UTF_8));
    }
}
