package io.jfastdfs.tus;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.Uploads;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * tus uploads (API.md §2.18): creation (with data, deferred length, concatenation), appending
 * request bodies, termination. The offset and the digest state of the received bytes are
 * committed together after every body; the body that completes an upload is answered only once
 * the file is stored and indexed.
 */
final class TusService {
    private final Settings settings;
    private final FileStore store;
    private final TusStore rows;
    private final Completion completion;
    private final Uploads uploads;
    private final UploadLocks locks;
    private final LongSupplier clock;

    /** What a creation asks for: {@code length} is {@link TusUpload#DEFERRED} when not yet known. */
    record Creation(long length, UploadMetadata metadata, UploadConcat concat) {}

    /** A request body and its Content-Length (-1 when not given, e.g. chunked). */
    record Body(InputStream in, long contentLength) {}

    TusService(Settings settings, FileStore store, TusStore rows, Completion completion, Uploads uploads,
               UploadLocks locks, LongSupplier clock) {
        this.settings = settings;
        this.store = store;
        this.rows = rows;
        this.completion = completion;
        this.uploads = uploads;
        this.locks = locks;
        this.clock = clock;
    }

    Optional<TusUpload> find(String id) {
        return rows.find(id);
    }

    /** The stored record a finished upload became (also after its tus state expired). */
    Optional<FileRecord> stored(String id) {
        return uploads.liveRecord(id);
    }

    /** Creates an upload; {@code body} (creation-with-upload) may be null. */
    TusUpload create(Creation c, Body body) throws IOException {
        Config cfg = settings.get();
        checkWritable(cfg);
        if (c.concat().isFinal()) return concatenate(c);
        checkLength(cfg, c.length());
        String id = TusIds.next();
        boolean partial = c.concat().partial();
        if (!partial) {
            if (c.length() == 0) throw TusError.EMPTY.error();
            completion.plan(c.metadata(), id);
            Optional<FileRecord> known = completion.known(c.metadata(), c.length());
            if (known.isPresent()) return createKnown(id, c, known.get());
        }
        long now = clock.getAsLong();
        byte[] state = partial ? null : ResumableDigest.start(cfg.fileSumArithmetic()).state();
        TusUpload u = new TusUpload(id, c.length(), 0, c.metadata().raw(), c.concat().raw(), state,
                dataFile(cfg, id), now, now, null);
        rows.insert(u);
        if (body == null) return u;
        UploadLocks.Lease lease = locks.acquire(id);
        try (lease) {
            return append(u, u.length(), body, null);
        } catch (ApiError | IOException e) {
            discard(u); // the refusal carries no Location: nobody could resume this upload
            throw e;
        }
    }

    /**
     * Appends a PATCH body at {@code offset}; {@code declaredLength} (-1: none) sets a deferred
     * length. Returns the upload afterwards (finished when this body completed it).
     */
    TusUpload patch(String id, long offset, long declaredLength, ChunkChecksum checksum, Body body) throws IOException {
        checkWritable(settings.get());
        UploadLocks.Lease lease = locks.acquire(id);
        try (lease) {
            TusUpload u = rows.find(id).orElseThrow(TusError.NOT_FOUND::error);
            if (u.isFinal()) throw TusError.MODIFY_FINAL.error();
            if (offset != u.visibleOffset()) throw TusError.MISMATCHED_OFFSET.error();
            if (u.finished()) return u;
            long length = u.length();
            if (declaredLength >= 0 && declaredLength != length) {
                if (!u.deferred() || declaredLength < u.offset()) throw TusError.INVALID_LENGTH.error();
                checkLength(settings.get(), declaredLength);
                if (declaredLength == 0 && !u.partial()) throw TusError.EMPTY.error();
                length = declaredLength;
            }
            return append(u, length, body, checksum);
        }
    }

    /** Removes an upload (termination); a finished upload's stored file stays. */
    void terminate(String id) throws IOException {
        UploadLocks.Lease lease = locks.acquire(id);
        try (lease) {
            discard(rows.find(id).orElseThrow(TusError.NOT_FOUND::error));
        }
    }

    /** Writes the body, counted as an upload in progress. Caller holds the lease. */
    private TusUpload append(TusUpload u, long length, Body body, ChunkChecksum checksum) throws IOException {
        return uploads.receiving(() -> write(u, length, body, checksum));
    }

    /** Writes the body, then either finishes the upload or records the progress. */
    private TusUpload write(TusUpload u, long length, Body body, ChunkChecksum checksum) throws IOException {
        Config cfg = settings.get();
        checkFreeSpace(cfg, 0);
        long max = length >= 0 ? length - u.offset()
                : cfg.maxUploadSize() > 0 ? cfg.maxUploadSize() - u.offset() : Long.MAX_VALUE;
        if (body.contentLength() > max) {
            throw (length >= 0 ? TusError.SIZE_EXCEEDED : TusError.MAX_SIZE_EXCEEDED).error();
        }
        Path file = store.resolve(u.file());
        if (DataFile.size(file) < u.offset()) {
            rows.delete(u.id()); // the received bytes are gone: the client must start over
            throw TusError.NOT_FOUND.error();
        }
        ResumableDigest digest = u.digestState() == null ? null : ResumableDigest.restore(u.digestState());
        long offset;
        try {
            offset = u.offset() + DataFile.receive(file, u.offset(), body.in(), max, digest, checksum, cfg.fsyncUploads());
        } catch (DataFile.WriteFailure e) {
            throw writeError(e);
        }
        long now = clock.getAsLong();
        if (length >= 0 && offset == length && !u.partial()) {
            return finish(u.withProgress(offset, length, null, now), digest.hex());
        }
        // the state must describe exactly bytes [0, offset): a cut-off checksummed body was digested but not kept
        byte[] state = digest == null ? null : digest.length() == offset ? digest.state() : u.digestState();
        TusUpload next = u.withProgress(offset, length, state, now);
        rows.progress(next);
        return next;
    }

    /** Stores a complete upload and marks it finished. */
    private TusUpload finish(TusUpload u, String digestHex) throws IOException {
        TusUpload done = u.storedAs(store(u, digestHex).md5());
        rows.finished(u.id(), u.length(), done.result(), u.updated());
        return done;
    }

    /** Stores the complete data file of {@code u}; a refusal or a failure discards the upload. */
    private FileRecord store(TusUpload u, String digestHex) throws IOException {
        try {
            return completion.finish(u, digestHex);
        } catch (ApiError | IOException e) {
            discard(u);
            throw e instanceof IOException io ? writeError(io) : (ApiError) e;
        }
    }

    private TusUpload createKnown(String id, Creation c, FileRecord rec) {
        long now = clock.getAsLong();
        TusUpload u = new TusUpload(id, rec.size(), rec.size(), c.metadata().raw(), "", null,
                dataFile(settings.get(), id), now, now, rec.md5());
        completion.adopt(id, c.metadata(), rec);
        rows.insert(u);
        return u;
    }

    /**
     * A final upload: the finished partial uploads, in order, copied into a new data file while
     * digesting, then stored like any upload. The partials are removed once it is stored.
     */
    private TusUpload concatenate(Creation c) throws IOException {
        Config cfg = settings.get();
        List<UploadLocks.Lease> leases = new ArrayList<>();
        try {
            List<TusUpload> parts = new ArrayList<>();
            long total = 0;
            Set<String> held = new HashSet<>();
            for (String partId : c.concat().partIds()) {
                if (held.add(partId)) leases.add(locks.acquire(partId));
                TusUpload p = rows.find(partId).orElseThrow(TusError.NOT_FOUND::error);
                if (!p.partial()) throw TusError.INVALID_CONCAT.error();
                if (p.deferred() || p.offset() != p.length()) throw TusError.PARTIAL_UNFINISHED.error();
                parts.add(p);
                total += p.length();
            }
            checkLength(cfg, total);
            if (total == 0) throw TusError.EMPTY.error();
            String id = TusIds.next();
            completion.plan(c.metadata(), id);
            long now = clock.getAsLong();
            TusUpload u = new TusUpload(id, total, total, c.metadata().raw(), c.concat().raw(), null,
                    dataFile(cfg, id), now, now, null);
            ResumableDigest digest = ResumableDigest.start(cfg.fileSumArithmetic());
            Path file = store.resolve(u.file());
            try {
                List<Path> files = new ArrayList<>();
                for (TusUpload p : parts) files.add(store.resolve(p.file()));
                if (DataFile.concatenate(file, files, digest, cfg.fsyncUploads()) != total) {
                    throw new IOException("a partial upload's data is incomplete");
                }
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw writeError(e);
            }
            TusUpload done = u.storedAs(store(u, digest.hex()).md5());
            rows.insert(done);
            for (TusUpload p : parts) discard(p);
            return done;
        } finally {
            leases.forEach(UploadLocks.Lease::close);
        }
    }

    /** Forgets the upload and deletes its data file. */
    private void discard(TusUpload u) throws IOException {
        rows.delete(u.id());
        Files.deleteIfExists(store.resolve(u.file()));
    }

    private static void checkWritable(Config cfg) {
        if (cfg.readOnly()) throw TusError.READ_ONLY.error();
    }

    /** max_upload_size (413) and room on the disk for the whole upload (507). */
    private void checkLength(Config cfg, long length) {
        if (cfg.maxUploadSize() > 0 && length > cfg.maxUploadSize()) throw TusError.MAX_SIZE_EXCEEDED.error();
        checkFreeSpace(cfg, Math.max(length, 0));
    }

    private void checkFreeSpace(Config cfg, long needed) {
        try {
            if (store.usableSpace() - needed < cfg.minFreeDiskBytes()) throw TusError.DISK_FULL.error();
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    private static ApiError writeError(IOException e) {
        if (FileStore.diskFull(e)) return TusError.DISK_FULL.error();
        return TusError.of(500, "(error)fail," + e.getMessage());
    }

    private static String dataFile(Config cfg, String id) {
        String peer = cfg.peerId().isEmpty() ? "" : cfg.peerId() + "/";
        return "files/" + FileStore.BIG + "/" + peer + id + ".bin";
    }
}
