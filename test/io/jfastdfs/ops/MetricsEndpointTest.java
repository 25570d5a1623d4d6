package io.jfastdfs.ops;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {G}/metrics (API.md §6.1): Prometheus text that follows the node's traffic, for admins only. */
class MetricsEndpointTest {
    static final String DENIED = "Can only be called by the cluster ip or 127.0.0.1 or admin_ips(cfg.json),current ip:";
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*)\\})? (\\S+)");

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    /** Fetches /metrics, checks the exposition format line by line, returns series → value. */
    static Map<String, Double> scrape(String url) throws Exception {
        Http.Resp r = Http.get(url);
        assertEquals(200, r.status(), r.text());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.header("Content-Type"));
        Map<String, Double> series = new LinkedHashMap<>();
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        assertTrue(r.text().endsWith("\n"), "the last line ends with a newline");
        for (String line : r.text().split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertTrue(helped.add(line.split(" ")[2]), "one HELP per family: " + line);
            } else if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                assertTrue(Set.of("counter", "gauge", "histogram").contains(f[3]), line);
                assertTrue(typed.add(f[2]), "one TYPE per family: " + line);
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "sample line: " + line);
                String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
                assertTrue(typed.contains(m.group(1)) || typed.contains(family), "TYPE before samples: " + line);
                String key = line.substring(0, line.lastIndexOf(' '));
                assertFalse(series.containsKey(key), "series listed once: " + key);
                series.put(key, Double.parseDouble(m.group(4).replace("+Inf", "Infinity")));
            }
        }
        return series;
    }

    private static double value(Map<String, Double> m, String series) {
        Double v = m.get(series);
        assertNotNull(v, series + " in " + m.keySet());
        return v;
    }

    @Test
    void uploadsDownloadsAndDedupMoveTheirCounters() throws Exception {
        Map<String, Double> before = scrape(server.url() + "/metrics");
        byte[] content = new byte[50_000];
        new java.util.Random(7).nextBytes(content);
        String url = Http.upload(server.url() + "/upload", "m.bin", content).text();
        assertTrue(url.startsWith("http://"), url);
        Http.upload(server.url() + "/upload", "again.bin", content);
        assertEquals(200, Http.get(url).status());
        assertEquals(404, Http.get(server.url() + "/no/such/file.txt").status());
        // a request is counted once its answer is written, so the client can be a moment ahead
        Map<String, Double> after = scrape(server.url() + "/metrics");
        String uploads = "jfastdfs_http_requests_total{route=\"upload\",code=\"2xx\"}";
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline
                && (!after.containsKey("jfastdfs_http_requests_total{route=\"download\",code=\"4xx\"}")
                    || after.getOrDefault(uploads, 0.0) - before.getOrDefault(uploads, 0.0) < 2); ) {
            Thread.sleep(50);
            after = scrape(server.url() + "/metrics");
        }

        assertEquals(1, value(after, "jfastdfs_uploads_stored_total") - before.getOrDefault("jfastdfs_uploads_stored_total", 0.0));
        assertEquals(1, value(after, "jfastdfs_upload_dedup_hits_total") - before.get("jfastdfs_upload_dedup_hits_total"));
        assertEquals(2, value(after, "jfastdfs_http_requests_total{route=\"upload\",code=\"2xx\"}")
                - before.getOrDefault("jfastdfs_http_requests_total{route=\"upload\",code=\"2xx\"}", 0.0));
        assertTrue(value(after, "jfastdfs_http_requests_total{route=\"download\",code=\"2xx\"}") >= 1);
        assertTrue(value(after, "jfastdfs_http_requests_total{route=\"download\",code=\"4xx\"}") >= 1);
        assertTrue(value(after, "jfastdfs_http_requests_total{route=\"metrics\",code=\"2xx\"}") >= 1, "the first scrape counts");
        assertTrue(value(after, "jfastdfs_http_received_bytes_total")
                - before.get("jfastdfs_http_received_bytes_total") >= 2 * content.length);
        assertTrue(value(after, "jfastdfs_http_sent_bytes_total") - before.get("jfastdfs_http_sent_bytes_total") >= content.length);
        assertEquals(2, value(after, "jfastdfs_http_request_duration_seconds_count{family=\"upload\"}")
                - before.get("jfastdfs_http_request_duration_seconds_count{family=\"upload\"}"));
        assertEquals(value(after, "jfastdfs_http_request_duration_seconds_count{family=\"download\"}"),
                value(after, "jfastdfs_http_request_duration_seconds_bucket{family=\"download\",le=\"+Inf\"}"));
        assertTrue(value(after, "jfastdfs_http_request_duration_seconds_sum{family=\"upload\"}") > 0);
        assertTrue(value(after, "jfastdfs_index_files") >= 1);
        assertTrue(value(after, "jfastdfs_index_bytes") >= content.length);
        assertTrue(value(after, "jfastdfs_disk_free_bytes") > 0);
        assertTrue(value(after, "jfastdfs_jvm_heap_used_bytes") > 0);
        assertTrue(value(after, "jfastdfs_jvm_threads") > 0);
        assertTrue(value(after, "jfastdfs_jvm_gc_collections_total") >= 0);
        assertEquals(0, value(after, "jfastdfs_uploads_in_progress"));
    }

    @Test
    void aTusUploadAnsweredByAStoredFileCountsAsADedupHit() throws Exception {
        byte[] content = "stored before the tus client asks".getBytes(StandardCharsets.UTF_8);
        assertTrue(Http.upload(server.url() + "/upload", "tus-dedup.txt", content).text().startsWith("http://"));
        double before = value(scrape(server.url() + "/metrics"), "jfastdfs_upload_dedup_hits_total");
        Base64.Encoder b64 = Base64.getEncoder();
        Http.Resp created = Http.method("POST", server.url() + "/big/upload/", "Tus-Resumable", "1.0.0",
                "Upload-Length", Integer.toString(content.length), "Upload-Metadata",
                "filename " + b64.encodeToString("again.txt".getBytes(StandardCharsets.UTF_8))
                        + ",md5 " + b64.encodeToString(Files2.md5(content).getBytes(
                        StandardCharsets.UTF_8)));
        assertEquals(201, created.status(), created.text());
        assertEquals(Integer.toString(content.length), created.header("Upload-Offset"), "finished at creation");
        assertEquals(1, value(scrape(server.url() + "/metrics"), "jfastdfs_upload_dedup_hits_total") - before);
    }

    @Test
    void histogramBucketsAreCumulative() throws Exception {
        Map<String, Double> m = scrape(server.base() + "/metrics");
        for (String family : List.of("upload", "download", "other")) {
            double previous = 0;
            for (String le : Histogram.LE) {
                double v = value(m, "jfastdfs_http_request_duration_seconds_bucket{family=\"" + family + "\",le=\"" + le + "\"}");
                assertTrue(v >= previous, family + " le=" + le);
                previous = v;
            }
        }
    }

    @Test
    void unfinishedTusUploadsAreCounted() throws Exception {
        double before = value(scrape(server.url() + "/metrics"), "jfastdfs_tus_uploads_unfinished");
        Http.Resp created = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, created.status());
        assertEquals(before + 1, value(scrape(server.url() + "/metrics"), "jfastdfs_tus_uploads_unfinished"));
    }

    @Test
    void nonAdminsGetTheTextDenial() throws Exception {
        for (String path : List.of("/group1/metrics", "/metrics")) {
            RawHttp.Reply r = RawHttp.get("127.0.0.2", server.port(), path);
            assertEquals(200, r.status());
            assertEquals(DENIED + "127.0.0.2", r.text());
            assertFalse(r.text().contains("jfastdfs_"));
        }
    }

    @Test
    void peersShowUpWithTheirReplicationState() throws Exception {
        int deadPort = TestServer.freePort();
        String dead = "http://127.0.0.5:" + deadPort;
        try (TestServer node = TestServer.start(Map.of("peers", List.of("http://127.0.0.1:8080", dead)))) {
            String up = "jfastdfs_peer_up{peer=\"" + dead + "\"}";
            long deadline = System.nanoTime() + 10_000_000_000L;
            Map<String, Double> m = scrape(node.url() + "/metrics");
            while (value(m, up) != 0) {
                assertTrue(System.nanoTime() < deadline, "peer not reported down within 10 s");
                Thread.sleep(50);
                m = scrape(node.url() + "/metrics");
            }
            assertEquals(0, value(m, "jfastdfs_peer_backlog_events{peer=\"" + dead + "\"}"));
            assertEquals(0, value(m, "jfastdfs_peer_behind_events{peer=\"" + dead + "\"}"));
            assertEquals(0, value(m, "jfastdfs_peer_behind_since_timestamp_seconds{peer=\"" + dead + "\"}"));
            assertEquals(0, value(m, "jfastdfs_peer_last_success_timestamp_seconds{peer=\"" + dead + "\"}"));
            assertFalse(m.keySet().stream().anyMatch(k -> k.contains("127.0.0.1:8080")), "this node is not its own peer");
        }
    }
}
