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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Downloads of stored paths (API.md §2.3–2.5): any regular file under files/, indexed or not. */
public final class DownloadHandler implements Handler {
    private final Settings settings;
    private final FileStore store;
    private final FileIndex index;
    private final DownloadGuard guard;
    private final MissingFiles missing;
    private final DirectoryListing listing;
    private final HaystackDownload haystack;

    public DownloadHandler(Settings settings, FileStore store, Volumes volumes, FileIndex index, DownloadGuard guard,
                           MissingFiles missing) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.guard = guard;
        this.missing = missing;
        this.listing = new DirectoryListing(store);
        this.haystack = new HaystackDownload(volumes, index, missing);
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Config cfg = settings.get();
        String g = cfg.groupPrefix();
        String path = req.path();
        if (!g.isEmpty() && !path.startsWith(g + "/")) throw ApiError.empty(404);
        String rel = path.substring(g.length() + 1);
        guard.check(req, rel);
        if (Needle.inHaystack(rel)) return haystack.serve(cfg, req, rel);
        Path dir = store.root().resolve(rel.isEmpty() ? "." : rel).normalize();
        if (rel.endsWith("/") || (!rel.isEmpty() && Files.isDirectory(dir))) {
            return listing.reply(cfg, rel, dir);
        }
        Optional<Path> file = store.servable(rel);
        if (file.isEmpty()) {
            return missing.fetch(req, rel).map(r -> Disposition.apply(cfg, req, r)).orElseThrow(() -> ApiError.empty(404));
        }
        return serve(cfg, req, file.get(), rel);
    }

    private Reply serve(Config cfg, Request req, Path file, String rel) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis() / 1000;
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Optional<Reply> img = resized(cfg, req, file, 0, -1, name);
        if (img.isPresent()) return Disposition.apply(cfg, req, img.get());
        String etag = index.find(FileRecord.pathKeyOf("files/" + rel))
                .filter(r -> r.size() == size).map(r -> "\"" + r.md5() + "\"").orElse(null);
        byte[] head = new byte[512];
        int n = Disposition.inline(cfg, req) ? FileReply.head(file, 0, size, head) : 0;
        Reply r = FileReply.of(req, file, 0, size, mtime, etag, ContentTypes.of(name, head, n));
        return Disposition.apply(cfg, req, r);
    }

    /** The image in {@code length} bytes at {@code offset} (-1: to the end) resized per ?width=&height= (§2.5). */
    static Optional<Reply> resized(Config cfg, Request req, Path file, long offset, long length, String name) {
        int width = intParam(req, "width");
        int height = intParam(req, "height");
        if (!cfg.enableImageResize() || (width <= 0 && height <= 0)) return Optional.empty();
        return Resizer.resize(file, offset, length, width, height, cfg.imageMaxWidth(), cfg.imageMaxHeight())
                .map(b -> Reply.bytes(200, ContentTypes.of(name, b, Math.min(b.length, 16)), b)
                        .header("X-Content-Type-Options", "nosniff"));
    }

    private static int intParam(Request req, String name) {
        try {
            return Integer.parseInt(req.param(name).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
