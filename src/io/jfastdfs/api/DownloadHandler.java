package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.ContentTypes;
import io.jfastdfs.http.FileReply;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.image.Resizer;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Downloads of stored paths (API.md §2.3–2.5): any regular file under files/, indexed or not. A
 * download costs one lstat per path component ({@link FileStore#entry}), at most one index lookup
 * (shared by the guard and the ETag) and one open of the file (two when an unknown type is sniffed).
 */
public final class DownloadHandler implements Handler {
    private final Settings settings;
    private final FileStore store;
    private final FileIndex index;
    private final DownloadGuard guard;
    private final MissingFiles missing;
    private final HaystackDownload haystack;

    public DownloadHandler(Settings settings, FileStore store, Volumes volumes, FileIndex index, DownloadGuard guard,
                           MissingFiles missing) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.guard = guard;
        this.missing = missing;
        this.haystack = new HaystackDownload(volumes, missing);
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Config cfg = settings.get();
        String g = cfg.groupPrefix();
        String path = req.path();
        if (!g.isEmpty() && !path.startsWith(g + "/")) throw ApiError.empty(404);
        String rel = path.substring(g.length() + 1);
        Supplier<Optional<FileRecord>> record = new IndexedRecord(index, rel);
        guard.check(req, rel, record);
        if (Needle.inHaystack(rel)) return haystack.serve(cfg, req, rel, record);
        Optional<FileStore.Entry> found;
        try {
            found = store.entry(rel);
        } catch (UnsafePathException e) {
            throw ApiError.empty(404); // _tmp, _big, a symlink out of the store: never served nor fetched
        }
        if (found.isPresent() && found.get().attrs().isDirectory()) return DirectoryListing.reply(cfg, rel, found.get().path());
        if (rel.endsWith("/")) throw ApiError.empty(404); // a directory URL naming no directory
        if (found.isEmpty()) {
            return missing.fetch(req, rel).map(r -> Disposition.apply(cfg, req, r)).orElseThrow(() -> ApiError.empty(404));
        }
        if (!found.get().attrs().isRegularFile()) throw ApiError.empty(404);
        return serve(cfg, req, found.get(), rel, record);
    }

    private static Reply serve(Config cfg, Request req, FileStore.Entry file, String rel,
                               Supplier<Optional<FileRecord>> record) throws IOException {
        long size = file.attrs().size();
        long mtime = file.attrs().lastModifiedTime().toMillis() / 1000;
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Optional<Reply> img = resized(cfg, req, file.path(), 0, -1, name, mtime);
        if (img.isPresent()) return Disposition.apply(cfg, req, img.get());
        String etag = record.get().filter(r -> r.size() == size).map(r -> "\"" + r.md5() + "\"").orElse(null);
        String type = Disposition.inline(cfg, req) ? ContentTypes.of(name, file.path(), 0, size) : Disposition.ATTACHMENT_TYPE;
        return Disposition.apply(cfg, req, FileReply.of(req, file.path(), 0, size, mtime, etag, type));
    }

    /**
     * The image in {@code length} bytes at {@code offset} (-1: to the end) resized per ?width=&height=
     * (§2.5), with the download headers of §2.3 (Last-Modified = the original's, Range on the result).
     */
    static Optional<Reply> resized(Config cfg, Request req, Path file, long offset, long length, String name,
                                   long mtimeSeconds) throws IOException {
        int width = intParam(req, "width");
        int height = intParam(req, "height");
        if (!cfg.enableImageResize() || (width <= 0 && height <= 0)) return Optional.empty();
        Optional<byte[]> img = Resizer.resize(file, offset, length, width, height, cfg.imageMaxWidth(), cfg.imageMaxHeight());
        if (img.isEmpty()) return Optional.empty();
        byte[] b = img.get();
        return Optional.of(FileReply.of(req, b, mtimeSeconds, ContentTypes.of(name, b, Math.min(b.length, 16))));
    }

    private static int intParam(Request req, String name) {
        try {
            return Integer.parseInt(req.param(name).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The index record of a download path ("files/" + rel as path key): looked up once, on first use. */
    private static final class IndexedRecord implements Supplier<Optional<FileRecord>> {
        private final FileIndex index;
        private final String rel;
        private Optional<FileRecord> found;

        IndexedRecord(FileIndex index, String rel) {
            this.index = index;
            this.rel = rel;
        }

        @Override
        public Optional<FileRecord> get() {
            if (found == null) found = index.find(FileRecord.pathKeyOf("files/" + rel));
            return found;
        }
    }
}
