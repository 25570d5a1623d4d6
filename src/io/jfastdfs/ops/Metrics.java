package io.jfastdfs.ops;

import io.jfastdfs.index.DailyStat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's Prometheus metrics ({@code /metrics}, API.md §6.1): request counters fed by the
 * Dispatcher ({@link #request}), upload counters fed by FileEvents, and gauges read at scrape time
 * from the index, the disk, the JVM and the cluster.
 */
public final class Metrics {
    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    /** Where the gauges come from; read only when scraped. */
    public record Sources(Path filesDir, Supplier<List<DailyStat>> days, IntSupplier uploadsInProgress,
                          LongSupplier tusUnfinished, Supplier<List<PeerHealth>> peers) {}

    private final RequestStats requests = new RequestStats();
    private final UploadCounters uploads;
    private final Sources sources;
    private final long startSeconds = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;

    public Metrics(UploadCounters uploads, Sources sources) {
        this.uploads = uploads;
        this.sources = sources;
    }

    /** One answered request (an {@code http.RequestObserver}). */
    public void request(String route, int status, long bytesIn, long bytesOut, long nanos) {
        requests.observe(route, status, bytesIn, bytesOut, nanos);
    }

    /** The exposition text. */
    public String render() {
        PrometheusText out = new PrometheusText();
        requests.write(out);
        uploads.write(out);
        out.single("jfastdfs_uploads_in_progress", "gauge", "Upload bodies (multipart or tus PATCH) being received or stored.",
                sources.uploadsInProgress().getAsInt());
        out.single("jfastdfs_tus_uploads_unfinished", "gauge", "tus uploads created and not finished yet.",
                sources.tusUnfinished().getAsLong());
        long files = 0;
        long bytes = 0;
        for (DailyStat d : sources.days().get()) {
            files += d.count();
            bytes += d.bytes();
        }
        out.single("jfastdfs_index_files", "gauge", "Files in the index (the \"all\" row of /stat).", files);
        out.single("jfastdfs_index_bytes", "gauge", "Bytes of the files in the index.", bytes);
        disk(out);
        jvm(out);
        peers(out);
        return out.toString();
    }

    private void disk(PrometheusText out) {
        try {
            FileStore fs = Files.getFileStore(sources.filesDir());
            out.single("jfastdfs_disk_free_bytes", "gauge", "Space usable for new files on the store's filesystem.",
                    fs.getUsableSpace());
            out.single("jfastdfs_disk_total_bytes", "gauge", "Size of the store's filesystem.", fs.getTotalSpace());
        } catch (IOException e) {
            // an unreadable filesystem leaves the disk gauges out; the scrape itself still answers
        }
    }

    private void jvm(PrometheusText out) {
        out.single("jfastdfs_jvm_heap_used_bytes", "gauge", "Java heap in use.", SystemStatus.heapUsed());
        out.single("jfastdfs_jvm_heap_max_bytes", "gauge", "Java heap limit (-Xmx).", Runtime.getRuntime().maxMemory());
        out.single("jfastdfs_jvm_threads", "gauge", "Live platform threads (virtual threads not counted).",
                ManagementFactory.getThreadMXBean().getThreadCount());
        SystemStatus.GcTotals gc = SystemStatus.gcTotals();
        out.single("jfastdfs_jvm_gc_collections_total", "counter", "Garbage collections since start.", gc.count());
        out.single("jfastdfs_jvm_gc_seconds_total", "counter", "Time spent in garbage collection.", gc.millis() / 1000.0);
        out.single("jfastdfs_process_start_time_seconds", "gauge", "Start time of the node, Unix seconds.", startSeconds);
    }

    private void peers(PrometheusText out) {
        List<PeerHealth> peers = sources.peers().get();
        out.family("jfastdfs_peer_up", "gauge", "1 when the peer answered its last call, else 0.");
        for (PeerHealth p : peers) out.sample("jfastdfs_peer_up", p.up() ? 1 : 0, "peer", p.url());
        out.family("jfastdfs_peer_backlog_events", "gauge", "Events of the peer's log not applied here yet.");
        for (PeerHealth p : peers) out.sample("jfastdfs_peer_backlog_events", p.backlog(), "peer", p.url());
        out.family("jfastdfs_peer_behind_events", "gauge", "Events of this node's log the peer has not read yet.");
        for (PeerHealth p : peers) out.sample("jfastdfs_peer_behind_events", p.behind(), "peer", p.url());
        out.family("jfastdfs_peer_behind_since_timestamp_seconds", "gauge",
                "Unix time since which the peer lacks part of this node's log (0: it has all of it).");
        for (PeerHealth p : peers) out.sample("jfastdfs_peer_behind_since_timestamp_seconds", p.behindSince(), "peer", p.url());
        out.family("jfastdfs_peer_last_success_timestamp_seconds", "gauge",
                "Unix time of the last successful exchange with the peer (0: never).");
        for (PeerHealth p : peers) out.sample("jfastdfs_peer_last_success_timestamp_seconds", p.lastSeen(), "peer", p.url());
    }
}
