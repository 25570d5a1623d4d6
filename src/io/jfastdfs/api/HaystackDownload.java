package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.ContentTypes;
import io.jfastdfs.http.FileReply;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.merge.Slot;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.store.FileNames;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Merged small files (API.md §2.6): {@code {G}/haystack/<peer_id>/<container>,<offset>,<length>,<ext>} is
 * served from its container by the URL alone, so a haystack copied from go-fastdfs works unindexed;
 * the index only adds Last-Modified and ETag. Anything else under haystack/ is a 404.
 */
final class HaystackDownload {
    private final Volumes volumes;
    private final MissingFiles missing;

    HaystackDownload(Volumes volumes, MissingFiles missing) {
        this.volumes = volumes;
        this.missing = missing;
    }

    /** {@code record} is the URL's index record (the download's shared lookup). */
    Reply serve(Config cfg, Request req, String rel, Supplier<Optional<FileRecord>> record) throws IOException {
        Needle needle = Needle.parse(rel).orElseThrow(() -> ApiError.empty(404));
        String name = FileNames.clean(req.param("name"), cfg.trimSpecialChars());
        Slot slot = volumes.slot(needle);
        if (slot.state() == Slot.State.DELETED) throw ApiError.empty(404); // deleted here: never fetched back
        if (slot.state() == Slot.State.MISSING) {
            return missing.fetch(req, rel).map(r -> Disposition.apply(cfg, req, r, name))
                    .orElseThrow(() -> ApiError.empty(404));
        }
        String last = rel.substring(rel.lastIndexOf('/') + 1);
        Optional<FileRecord> rec = record.get();
        long mtime = rec.map(FileRecord::timeStamp).orElse(slot.mtimeSeconds());
        Optional<Reply> img = DownloadHandler.resized(cfg, req, slot.container(), slot.start(), slot.length(), last, mtime);
        if (img.isPresent()) return Disposition.apply(cfg, req, img.get(), name);
        String etag = rec.map(r -> "\"" + r.md5() + "\"").orElse(null);
        String type = Disposition.inline(cfg, req)
                ? ContentTypes.of(last, slot.container(), slot.start(), slot.length()) : Disposition.ATTACHMENT_TYPE;
        Reply r = FileReply.of(req, slot.container(), slot.start(), slot.length(), mtime, etag, type);
        return Disposition.apply(cfg, req, r, name);
    }
}
