package io.jfastdfs.tus;

import io.jfastdfs.api.DownloadGuard;
import io.jfastdfs.api.UploadGuard;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.Handler;
import io.jfastdfs.index.Database;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.service.Uploads;
import io.jfastdfs.store.FileStore;

import java.time.Duration;

/** Resumable uploads (tus 1.0.0, API.md §2.18) wired together: the endpoint's handler and the expiry reaper. */
public final class Tus implements AutoCloseable {
    /** Unfinished uploads idle this long are removed. */
    public static final Duration EXPIRY = Duration.ofDays(7);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);
    private static final Duration CALLBACK_PAUSE = Duration.ofSeconds(1);

    private final TusHandler handler;
    private final TusReaper reaper;
    private final TusStore rows;

    private Tus(TusHandler handler, TusReaper reaper, TusStore rows) {
        this.handler = handler;
        this.reaper = reaper;
        this.rows = rows;
    }

    /**
     * Sets tus up on this node's store and index, finishes what a crash interrupted, sweeps
     * expired uploads once now and then every hour.
     */
    public static Tus start(Settings settings, FileStore store, Database db, FileIndex index, Uploads uploads,
                            UploadGuard guard, DownloadGuard downloads, AppLog log) {
        TusStore rows = new TusStore(db);
        UploadLocks locks = new UploadLocks();
        Completion completion = new Completion(settings, store, uploads,
                new CallbackNotifier(CALLBACK_PAUSE, log::warn));
        TusService service = new TusService(settings, store, rows, completion, uploads, locks, System::currentTimeMillis);
        TusReaper reaper = new TusReaper(rows, store, index, locks, EXPIRY, System::currentTimeMillis, log::warn);
        int recovered = reaper.recover();
        if (recovered > 0) log.info("tus: " + recovered + " uploads stored before a crash marked finished");
        int removed = reaper.sweep();
        if (removed > 0) log.info("tus: removed " + removed + " expired uploads and stray data files");
        reaper.start(SWEEP_EVERY);
        return new Tus(new TusHandler(settings, service, store, guard, downloads, EXPIRY), reaper, rows);
    }

    /** The handler for the "big/upload" prefix route. */
    public Handler handler() {
        return handler;
    }

    /** Uploads created and not finished yet (for /metrics). */
    public long unfinishedUploads() {
        return rows.unfinishedCount();
    }

    /** Stops the reaper. */
    @Override
    public void close() {
        reaper.close();
    }
}
