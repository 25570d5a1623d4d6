package io.jfastdfs.tus;

import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.UploadOutcome;
import io.jfastdfs.service.UploadPlan;
import io.jfastdfs.service.UploadRequest;
import io.jfastdfs.service.Uploads;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.TempFile;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finishing a tus upload (API.md §2.18 "Completion") through the same {@link Uploads} path as
 * multipart uploads: placement, names, dedup, index (with the upload id as an alias), stats and
 * replication events. The data file is adopted with its already computed digest, never re-read.
 */
final class Completion {
    private static final String EXTENSION_MISMATCH = "(error)file extension mismatch";

    private final Settings settings;
    private final FileStore store;
    private final Uploads uploads;
    private final CallbackNotifier callbacks;

    Completion(Settings settings, FileStore store, Uploads uploads, CallbackNotifier callbacks) {
        this.settings = settings;
        this.store = store;
        this.uploads = uploads;
        this.callbacks = callbacks;
    }

    /**
     * The placement the metadata asks for, checked like a multipart upload's fields (scene,
     * path, filename, extension whitelist); refusals become tus replies.
     */
    UploadPlan plan(UploadMetadata md, String id) {
        try {
            return uploads.plan(new UploadRequest(md.get("filename"), md.get("scene"), md.get("path"), "",
                    md.get("md5"), true, List.of(id)));
        } catch (ApiError e) {
            throw asTus(e);
        }
    }

    /**
     * The stored record whose content digest the metadata's md5 names, when it can stand for an
     * upload of {@code length} bytes (-1: not yet known): such an upload needs no bytes at all.
     */
    Optional<FileRecord> known(UploadMetadata md, long length) {
        String md5 = md.get("md5").trim();
        if (md5.isEmpty() || !settings.get().enableDistinctFile()) return Optional.empty();
        return uploads.liveRecord(md5.toLowerCase(java.util.Locale.ROOT))
                .filter(r -> r.md5().equalsIgnoreCase(md5) && (length < 0 || r.size() == length));
    }

    /** Points the upload id at an already stored record (dedup at creation). */
    FileRecord adopt(String id, UploadMetadata md, FileRecord existing) {
        uploads.answerWith(id, existing);
        callbacks.send(md.get("callback_url"), existing, id);
        return existing;
    }

    /**
     * Stores the complete upload whose bytes (all {@code u.length()} of them) digest to
     * {@code digestHex}. A metadata md5 that differs refuses it (460). The data file is consumed in
     * every case but a refused md5 or plan, where the caller discards it.
     */
    FileRecord finish(TusUpload u, String digestHex) throws IOException {
        UploadMetadata md = UploadMetadata.parse(u.metadata());
        String expected = md.get("md5").trim();
        if (!expected.isEmpty() && !expected.equalsIgnoreCase(digestHex)) throw TusError.CHECKSUM_MISMATCH.error();
        UploadPlan plan = plan(md, u.id());
        TempFile data = store.adopt(store.resolve(u.file()), u.length(), digestHex);
        UploadOutcome outcome;
        try {
            outcome = uploads.store(data, plan);
        } catch (ApiError e) {
            throw asTus(e);
        }
        callbacks.send(md.get("callback_url"), outcome.record(), u.id());
        return outcome.record();
    }

    /** An upload refusal (envelope) as a tus plain-text reply with its real status. */
    private static ApiError asTus(ApiError e) {
        if (EXTENSION_MISMATCH.equals(e.getMessage())) return TusError.EXTENSION_MISMATCH.error();
        return e.shape() == ApiError.Shape.EMPTY ? e : TusError.of(e.status(true), e.getMessage());
    }
}
