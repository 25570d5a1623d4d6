package io.jfastdfs.tus;

import io.jfastdfs.api.DownloadGuard;
import io.jfastdfs.api.UploadGuard;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.ContentTypes;
import io.jfastdfs.http.FileReply;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.HttpDates;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {G}/big/upload/[&lt;id&gt;]: the tus 1.0.0 protocol (API.md §2.18) — reads the headers, calls
 * {@link TusService}, answers with the tus headers. Every reply, errors included, carries
 * Tus-Resumable and nosniff; errors are plain text with their real status.
 */
final class TusHandler implements Handler {
    static final String VERSION = "1.0.0";
    /** go-fastdfs's list first, then what jfastdfs adds. */
    static final String EXTENSIONS =
            "creation,creation-with-upload,termination,concatenation,creation-defer-length,checksum,expiration";
    private static final String ENDPOINT = "/big/upload";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";

    private final Settings settings;
    private final TusService tus;
    private final FileStore store;
    private final UploadGuard guard;
    private final DownloadGuard downloads;
    private final Duration expiry;

    TusHandler(Settings settings, TusService tus, FileStore store, UploadGuard guard, DownloadGuard downloads,
               Duration expiry) {
        this.settings = settings;
        this.tus = tus;
        this.store = store;
        this.guard = guard;
        this.downloads = downloads;
        this.expiry = expiry;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Reply r;
        try {
            r = route(req);
        } catch (ApiError e) {
            r = switch (e.shape()) {
                case EMPTY -> Reply.empty(e.status(true));
                case TEXT -> Reply.text(e.status(true), e.getMessage());
                case ENVELOPE -> Reply.text(e.status(true), e.getMessage() + "\n");
            };
        }
        return r.header("Tus-Resumable", VERSION).header("X-Content-Type-Options", "nosniff");
    }

    private Reply route(Request req) throws IOException {
        String override = req.header("X-HTTP-Method-Override").trim();
        String method = override.isEmpty() ? req.method() : override.toUpperCase(Locale.ROOT);
        String id = uploadId(req.path());
        if (method.equals("OPTIONS")) return options();
        if (!method.equals("GET") && !VERSION.equals(req.header("Tus-Resumable"))) {
            return TusError.UNSUPPORTED_VERSION.reply().header("Tus-Version", VERSION);
        }
        if (id.isEmpty()) return method.equals("POST") ? create(req) : Reply.empty(405);
        return switch (method) {
            case "HEAD" -> head(id);
            case "PATCH" -> patch(req, id);
            case "GET" -> download(req, id);
            case "DELETE" -> {
                tus.terminate(id);
                yield Reply.empty(204);
            }
            default -> Reply.empty(405);
        };
    }

    private Reply options() {
        Reply r = Reply.empty(200).header("Tus-Version", VERSION).header("Tus-Extension", EXTENSIONS)
                .header("Tus-Checksum-Algorithm", ChunkChecksum.ALGORITHMS);
        long max = settings.get().maxUploadSize();
        if (max > 0) r.header("Tus-Max-Size", Long.toString(max));
        return r;
    }

    private Reply create(Request req) throws IOException {
        UploadMetadata md = UploadMetadata.parse(req.header("Upload-Metadata"));
        guard.tusCreation(req, md.values());
        UploadConcat concat = UploadConcat.parse(req.header("Upload-Concat"));
        long length = concat.isFinal() ? TusUpload.DEFERRED : creationLength(req);
        boolean withData = !concat.isFinal() && isOffsetStream(req);
        TusUpload u = tus.create(new TusService.Creation(length, md, concat), withData ? body(req) : null);
        Config cfg = settings.get();
        Reply r = Reply.empty(201).header("Location", req.baseUrl() + cfg.groupPrefix() + ENDPOINT + "/" + u.id());
        if (withData || u.finished()) r.header("Upload-Offset", Long.toString(u.visibleOffset()));
        return withExpiry(r, u);
    }

    private Reply head(String id) {
        TusUpload u = tus.find(id).orElseThrow(TusError.NOT_FOUND::error);
        Reply r = Reply.empty(200).header("Cache-Control", "no-store")
                .header("Upload-Offset", Long.toString(u.visibleOffset()));
        if (u.deferred()) r.header("Upload-Defer-Length", "1");
        else r.header("Upload-Length", Long.toString(u.length()));
        if (!u.metadata().isEmpty()) r.header("Upload-Metadata", u.metadata());
        if (!u.concat().isEmpty()) r.header("Upload-Concat", u.concat());
        return withExpiry(r, u);
    }

    private Reply patch(Request req, String id) throws IOException {
        if (!isOffsetStream(req)) throw TusError.INVALID_CONTENT_TYPE.error();
        long offset = number(req.header("Upload-Offset"), TusError.INVALID_OFFSET);
        String declared = req.header("Upload-Length");
        long length = declared.isEmpty() ? -1 : number(declared, TusError.INVALID_LENGTH);
        ChunkChecksum checksum = ChunkChecksum.parse(req.header("Upload-Checksum"));
        TusUpload u = tus.patch(id, offset, length, checksum, body(req));
        return withExpiry(Reply.empty(204).header("Upload-Offset", Long.toString(u.visibleOffset())), u);
    }

    /** GET on a finished upload: the stored file's bytes, with Range (non-standard, go-fastdfs has it). */
    private Reply download(Request req, String id) throws IOException {
        FileRecord rec = tus.stored(id).orElseThrow(TusError.NOT_FOUND::error);
        downloads.check(req, rec.relativeFile().substring("files/".length()));
        // a dedup may have pointed the id at a merged small file: its content follows the slot's flag byte
        Optional<Needle> slot = Needle.of(rec);
        Path file = store.resolve(slot.map(Needle::containerFile).orElse(rec.relativeFile()));
        long start = slot.map(n -> n.offset() + 1).orElse(0L);
        long size = slot.map(Needle::contentLength).orElse(rec.size());
        if (!Files.isRegularFile(file)) throw TusError.NOT_FOUND.error();
        return FileReply.of(req, file, start, size, rec.timeStamp(), "\"" + rec.md5() + "\"",
                ContentTypes.of(rec.storedName(), file, start, size));
    }

    /** Upload-Expires (expiration extension) while the upload is unfinished. */
    private Reply withExpiry(Reply r, TusUpload u) {
        if (!u.finished()) r.header("Upload-Expires", HttpDates.format(Instant.ofEpochMilli(u.updated()).plus(expiry)));
        return r;
    }

    private static long creationLength(Request req) {
        String defer = req.header("Upload-Defer-Length");
        String length = req.header("Upload-Length");
        if (!defer.isEmpty()) {
            if (!defer.trim().equals("1") || !length.isEmpty()) throw TusError.INVALID_DEFER_LENGTH.error();
            return TusUpload.DEFERRED;
        }
        return number(length, TusError.INVALID_LENGTH);
    }

    private static TusService.Body body(Request req) {
        long length;
        try {
            length = Long.parseLong(req.header("Content-Length").trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        return new TusService.Body(req.body(), length);
    }

    private static boolean isOffsetStream(Request req) {
        String ct = req.contentType();
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().equalsIgnoreCase(OFFSET_STREAM);
    }

    /** A non-negative decimal header value, else {@code error}. */
    private static long number(String value, TusError error) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) throw error.error();
        return Long.parseLong(v);
    }

    /** "" for the creation URL, the id for an upload URL; anything else below the endpoint is 404. */
    private static String uploadId(String path) {
        String rest = path.substring(path.indexOf(ENDPOINT) + ENDPOINT.length());
        if (rest.isEmpty() || rest.equals("/")) return "";
        String id = rest.substring(1);
        if (!TusIds.valid(id)) throw TusError.NOT_FOUND.error();
        return id;
    }
}
