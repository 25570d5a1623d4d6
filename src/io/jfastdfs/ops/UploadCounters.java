package io.jfastdfs.ops;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.FileEvents;

import java.util.concurrent.atomic.LongAdder;

/** Counts local uploads stored (multipart and tus), dedup hits and deletes, for /metrics. */
public final class UploadCounters implements FileEvents {
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder removed = new LongAdder();

    @Override
    public void added(FileRecord record) {
        stored.increment();
    }

    @Override
    public void removed(FileRecord record) {
        removed.increment();
    }

    @Override
    public void duplicate(FileRecord existing) {
        duplicates.increment();
    }

    void write(PrometheusText out) {
        out.single("jfastdfs_uploads_stored_total", "counter", "Uploads stored as new files on this node.", stored.sum());
        out.single("jfastdfs_upload_dedup_hits_total", "counter",
                "Uploads answered with an already stored file of the same content.", duplicates.sum());
        out.single("jfastdfs_deletes_total", "counter", "Files deleted by clients of this node.", removed.sum());
    }
}
