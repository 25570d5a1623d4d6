package io.jfastdfs.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters fed by the Dispatcher once per request: count per route and status class, a
 * duration histogram per route family, body bytes in and out. Route names come from the route table
 * (never from the client), so the label set stays small.
 */
final class RequestStats {
    static final String[] FAMILIES = {"upload", "download", "other"};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Map<String, LongAdder[]> byRoute = new ConcurrentHashMap<>();
    private final Histogram[] durations = {new Histogram(), new Histogram(), new Histogram()};
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    void observe(String route, int status, long in, long out, long nanos) {
        LongAdder[] classes = byRoute.get(route);
        if (classes == null) classes = byRoute.computeIfAbsent(route, r -> newClasses());
        int c = status / 100;
        classes[c >= 1 && c <= 5 ? c - 1 : 4].increment();
        durations[family(route)].observe(nanos);
        if (in > 0) bytesIn.add(in);
        if (out > 0) bytesOut.add(out);
    }

    /** 0 upload (multipart and tus), 1 download, 2 everything else. */
    static int family(String route) {
        return switch (route) {
            case "upload", "big/upload" -> 0;
            case "download" -> 1;
            default -> 2;
        };
    }

    void write(PrometheusText out) {
        out.family("jfastdfs_http_requests_total", "counter", "HTTP requests answered, by route and status class.");
        for (Map.Entry<String, LongAdder[]> e : new TreeMap<>(byRoute).entrySet()) {
            for (int i = 0; i < CLASSES.length; i++) {
                long n = e.getValue()[i].sum();
                if (n > 0) out.sample("jfastdfs_http_requests_total", n, "route", e.getKey(), "code", CLASSES[i]);
            }
        }
        out.family("jfastdfs_http_request_duration_seconds", "histogram",
                "Time from request start to the end of the answer, by route family.");
        for (int f = 0; f < FAMILIES.length; f++) {
            durations[f].write(out, "jfastdfs_http_request_duration_seconds", "family", FAMILIES[f]);
        }
        out.single("jfastdfs_http_received_bytes_total", "counter", "Request body bytes read.", bytesIn.sum());
        out.single("jfastdfs_http_sent_bytes_total", "counter", "Response body bytes written.", bytesOut.sum());
    }

    private static LongAdder[] newClasses() {
        LongAdder[] a = new LongAdder[CLASSES.length];
        for (int i = 0; i < a.length; i++) a[i] = new LongAdder();
        return a;
    }
}
