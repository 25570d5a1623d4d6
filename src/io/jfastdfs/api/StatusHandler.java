package io.jfastdfs.api;

import io.jfastdfs.Version;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.ops.SystemStatus;
import io.jfastdfs.store.FileStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** {G}/status (API.md §2.13): public health and runtime figures, never secrets. */
public final class StatusHandler implements Handler {
    private final Settings settings;
    private final FileStore store;
    private final StatHandler stats;
    private final IntSupplier uploadsInProgress;
    private final Supplier<Map<String, Object>> clusterKeys;

    /** {@code clusterKeys} supplies Fs.QueueToPeers, Fs.QueueFromPeers and Fs.PeerStates. */
    public StatusHandler(Settings settings, FileStore store, StatHandler stats, IntSupplier uploadsInProgress,
                         Supplier<Map<String, Object>> clusterKeys) {
        this.settings = settings;
        this.store = store;
        this.stats = stats;
        this.uploadsInProgress = uploadsInProgress;
        this.clusterKeys = clusterKeys;
    }

    @Override
    public Reply handle(Request req) {
        Config cfg = settings.get();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Fs.AutoRepair", cfg.autoRepair());
        d.put("Fs.FileStats", stats.rows());
        d.put("Fs.Local", cfg.host());
        d.put("Fs.Peers", cfg.peers().isEmpty() ? null : cfg.peers());
        d.put("Fs.QueueFileLog", 0); // index writes are committed before the answer: nothing queued
        d.put("Fs.QueueUpload", uploadsInProgress.getAsInt());
        d.put("Fs.RefreshInterval", cfg.refreshInterval());
        d.put("Fs.ShowDir", cfg.showDir());
        d.put("Fs.PeerId", cfg.peerId());
        d.put("Fs.Group", cfg.group());
        d.put("Fs.Version", Version.VERSION);
        d.putAll(clusterKeys.get());
        d.putAll(SystemStatus.sysKeys(store.root()));
        return Reply.ok(d);
    }
}
