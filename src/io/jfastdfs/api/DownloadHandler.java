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

    public DownloadHandler(Settings settings, FileStore store, FileIndex index, DownloadGuard guard,
                           MissingFiles missing) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.guard = guard;
        this.missing = missing;
        this.listing = new DirectoryListing(store);
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Config cfg = settings.get();
        String g = cfg.groupPrefix();
        String path = req.path();
        if (!g.isEmpty() && !path.startsWith(g + "/")) throw ApiError.empty(404);
        String rel = path.substring(g.length() + 1);
        guard.check(req, rel);
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
        if (cfg.enableImageResize() && (intParam(req, "width") > 0 || intParam(req, "height") > 0)) {
            Optional<byte[]> img = Resizer.resize(file, 0, -1, intParam(req, "width"), intParam(req, "height"),
                    cfg.imageMaxWidth(), cfg.imageMaxHeight());
            if (img.isPresent()) {
                byte[] b = img.get();
                Reply r = Reply.bytes(200, ContentTypes.of(name, b, Math.min(b.length, 16)), b)
                        .header("X-Content-Type-Options", "nosniff");
                return Disposition.apply(cfg, req, r);
            }
        }
        String etag = index.find(FileRecord.pathKeyOf("files/" + rel))
                .filter(r -> r.size() == size).map(r -> "\"" + r.md5() + "\"").orElse(null);
        byte[] head = new byte[512];
        int n = Disposition.inline(cfg, req) ? FileReply.head(file, 0, size, head) : 0;
        Reply r = FileReply.of(req, file, 0, size, mtime, etag, ContentTypes.of(name, head, n));
        return Disposition.apply(cfg, req, r);
    }

    private static int intParam(Request req, String name) {
        try {
            return Integer.parseInt(req.param(name).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
