package io.jfastdfs.service;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.InsertResult;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.store.FileNames;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.PathLayout;
import io.jfastdfs.store.TempFile;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns received bytes into a stored, indexed file (API.md §2.1, §3): validates the request,
 * dedups by digest, places the file (fsync, atomic link/rename), commits the index row, and only
 * then lets the caller answer. Every path consumes the temp file.
 */
public final class Uploads {
    private final Settings settings;
    private final FileStore store;
    private final FileIndex index;
    private final FileEvents events;
    private final Volumes volumes;
    private final AtomicInteger receiving = new AtomicInteger();

    public Uploads(Settings settings, FileStore store, FileIndex index, FileEvents events, Volumes volumes) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.events = events;
        this.volumes = volumes;
    }

    /** Runs {@code body}, the receiving and storing of one upload body, counted as in progress meanwhile. */
    public <T> T receiving(Receiving<T> body) throws IOException {
        receiving.incrementAndGet();
        try {
            return body.run();
        } finally {
            receiving.decrementAndGet();
        }
    }

    /** Upload bodies (multipart or tus PATCH) being received or stored right now (status: Fs.QueueUpload). */
    public int inProgress() {
        return receiving.get();
    }

    /** The work of {@link #receiving}. */
    public interface Receiving<T> {
        T run() throws IOException;
    }

    /** Checks that come before any bytes are read: read_only and free disk space. */
    public void checkWritable() {
        Config cfg = settings.get();
        if (cfg.readOnly()) throw ApiError.fail(403, "(error) readonly");
        if (cfg.minFreeDiskMb() <= 0) return;
        try {
            if (store.usableSpace() < cfg.minFreeDiskBytes()) throw ApiError.real(507, "(error)disk full");
        } catch (IOException e) {
            throw ApiError.fault("(error)fail," + e.getMessage(), e);
        }
    }

    /** Validates the request's scene, path and names (checks 6–8 of §2.1) before the bytes matter. */
    public UploadPlan plan(UploadRequest req) {
        return UploadPlan.of(settings.get(), req);
    }

    /** Stores {@code temp} according to {@code plan}; the temp file is gone afterwards in every case. */
    public UploadOutcome store(TempFile temp, UploadPlan plan) throws IOException {
        Config cfg = settings.get();
        try {
            if (temp.size() == 0) throw ApiError.fail(400, "file size is zero");
            String digest = temp.digestHex();
            if (!plan.expectedMd5().isEmpty() && !plan.expectedMd5().equalsIgnoreCase(digest)) {
                throw ApiError.fail(400, " fileInfo.Md5 and md5sum !=");
            }
            if (cfg.enableDistinctFile()) {
                Optional<FileRecord> dup = liveRecord(digest);
                if (dup.isPresent()) {
                    aliasAll(plan, dup.get());
                    events.duplicate(dup.get());
                    return new UploadOutcome(dup.get(), true);
                }
            }
            Optional<Needle> merged = volumes.merges(temp.size(), plan.tus())
                    ? volumes.append(temp, FileNames.extension(plan.name())) : Optional.empty();
            temp.finish(cfg.fsyncUploads() && merged.isEmpty()); // a container append is fsync'ed already
            return place(cfg, temp, digest, plan, merged.orElse(null));
        } finally {
            temp.discard();
        }
    }

    /** The indexed record for {@code key} if its bytes are really on disk (ghosts do not count, #114). */
    public Optional<FileRecord> liveRecord(String key) {
        return index.find(key).filter(r -> r.offset() == FileRecord.OFFSET_MIGRATED || volumes.onDisk(r));
    }

    /** Indexes the upload; {@code merged} is its place in a small-file container, null for a plain file. */
    private UploadOutcome place(Config cfg, TempFile temp, String digest, UploadPlan plan, Needle merged)
            throws IOException {
        LocalDateTime now = LocalDateTime.now();
        long ts = now.atZone(ZoneId.systemDefault()).toEpochSecond();
        FileRecord rec = merged == null ? placeFile(cfg, temp, digest, plan, now, ts)
                : new FileRecord(originalName(plan, digest), merged.rename(), merged.dir(), digest, merged.length(),
                        List.of(cfg.host()), plan.scene(), ts, merged.offset());
        if (!cfg.enableDistinctFile()) {
            rec = rec.withMd5(rec.pathKey());
            // peers keep the version of a path with the newest time stamp, so versions must not tie
            long previous = index.find(rec.md5()).map(FileRecord::timeStamp).orElse(0L);
            if (previous >= rec.timeStamp()) {
                rec = new FileRecord(rec.name(), rec.rename(), rec.path(), rec.md5(), rec.size(), rec.peers(),
                        rec.scene(), previous + 1, rec.offset());
                if (merged == null) FileStore.setMtime(store.resolve(rec.relativeFile()), previous + 1);
            }
            index.replace(rec);
            aliasAll(plan, rec);
            events.added(rec);
            return new UploadOutcome(rec, false);
        }
        InsertResult res = index.insert(rec, plan.aliases());
        if (!res.inserted()) {
            if (volumes.onDisk(res.record())) {
                discard(rec); // a concurrent identical upload won the race
                aliasAll(plan, res.record());
                events.duplicate(res.record());
                return new UploadOutcome(res.record(), true);
            }
            index.replace(rec); // the indexed copy vanished from disk: this upload takes its place
            aliasAll(plan, rec);
        }
        events.added(rec);
        return new UploadOutcome(rec, false);
    }

    /** Moves the temp file into the store (dated or custom directory, collision names); the record to index. */
    private FileRecord placeFile(Config cfg, TempFile temp, String digest, UploadPlan plan, LocalDateTime now, long ts)
            throws IOException {
        String dir = plan.customDir() != null ? plan.customDir() : PathLayout.datedDir(plan.scene(), cfg.peerId(), now);
        String ext = FileNames.extension(plan.name());
        String name = originalName(plan, digest);
        String rename = plan.rename();
        if (cfg.renameFile()) {
            rename = (plan.tus() ? digest : FileRecord.md5Hex(UUID.randomUUID().toString())) + ext;
        } else if (plan.tus() && name.isEmpty()) {
            rename = digest;
        }
        boolean renamed = !rename.isEmpty() && !rename.equals(name);
        // the file's mtime is the record's timeStamp, as on every replica: Last-Modified agrees across nodes
        FileStore.setMtime(temp.path(), ts);
        String stored = store.place(temp, dir, renamed ? rename : name, !cfg.enableDistinctFile(), cfg.fsyncUploads());
        if (renamed) rename = stored;
        else name = stored;
        return new FileRecord(name, renamed ? rename : "", dir, digest, temp.size(),
                List.of(cfg.host()), plan.scene(), ts, FileRecord.OFFSET_NORMAL);
    }

    /** The cleaned upload name, or the digest when cleaning left nothing of it. */
    private static String originalName(UploadPlan plan, String digest) {
        return plan.name().isEmpty() && !plan.tus() ? digest : plan.name();
    }

    /** Removes a just-stored copy that lost a race to an identical upload. */
    private void discard(FileRecord r) throws IOException {
        if (r.offset() >= 0) volumes.erase(r);
        else store.delete(r.relativeFile());
    }

    /** Answers the upload known as {@code alias} (a tus id) with an already stored file: a dedup hit. */
    public void answerWith(String alias, FileRecord existing) {
        index.addAlias(alias, existing.md5());
        events.duplicate(existing);
    }

    private void aliasAll(UploadPlan plan, FileRecord rec) {
        for (String a : plan.aliases()) index.addAlias(a, rec.md5());
    }
}
