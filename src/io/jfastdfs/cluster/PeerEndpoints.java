package io.jfastdfs.cluster;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.ContentTypes;
import io.jfastdfs.http.FileReply;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.DailyStat;
import io.jfastdfs.index.EventLog;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.merge.Slot;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of the peer protocol under {@code {G}/_peer/}: events after a cursor, file bytes
 * by key or path (with the digest stated), existence, per-day summaries and records, and nudges.
 * Every call must prove a configured peer's identity ({@link PeerAuth}); anything else gets 403 with
 * an empty body.
 */
final class PeerEndpoints implements Handler {
    static final int MAX_PAGE = 1000;
    /** 508 Loop Detected: the caller names this very node (it lists itself under another URL). */
    static final int ITSELF = 508;

    private final Settings settings;
    private final PeerAuth auth;
    private final FileStore store;
    private final Volumes volumes;
    private final FileIndex index;
    private final EventLog log;
    private final Inventory inventory;
    private final Contacts contacts;
    private final ContentDigests contentDigests = new ContentDigests();

    /** What the cluster learns from authenticated calls. */
    interface Contacts {
        /** {@code peer} called {@code op}: it is alive. */
        void called(String peer, String op);

        /** {@code peer} has read this node's log up to {@code after}; the log ends at {@code last}. */
        void read(String peer, long after, long last);
    }

    PeerEndpoints(Settings settings, PeerAuth auth, FileStore store, Volumes volumes, FileIndex index, EventLog log,
                  Inventory inventory, Contacts contacts) {
        this.settings = settings;
        this.auth = auth;
        this.store = store;
        this.volumes = volumes;
        this.index = index;
        this.log = log;
        this.inventory = inventory;
        this.contacts = contacts;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Config cfg = settings.get();
        if (req.param(PeerAuth.FROM).equals(cfg.host())) throw ApiError.empty(ITSELF);
        String peer = auth.verify(req).orElseThrow(() -> ApiError.empty(403));
        String op = ClusterPolicy.action(cfg.groupPrefix(), req.path()).substring("_peer/".length());
        contacts.called(peer, op);
        return switch (op) {
            case "events" -> events(req, peer);
            case "file" -> file(req, cfg);
            case "has" -> has(req);
            case "summary" -> summary(req);
            case "digests" -> digests(req);
            case "nudge" -> Reply.empty(200);
            default -> throw ApiError.empty(404);
        };
    }

    private Reply events(Request req, String peer) {
        long after = longParam(req, "after", 0);
        EventLog.Page page = log.after(after, (int) Math.min(MAX_PAGE, Math.max(1, longParam(req, "limit", 500))));
        contacts.read(peer, after, page.last());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", page.epoch());
        m.put("last", page.last());
        m.put("events", page.events());
        return Reply.compact(m);
    }

    private Reply file(Request req, Config cfg) throws IOException {
        String key = req.param("md5");
        Optional<FileRecord> rec;
        String rel;
        if (!key.isEmpty()) {
            rec = index.find(key);
            if (rec.isEmpty()) throw ApiError.empty(404);
            rel = rec.get().relativeFile().substring("files/".length());
        } else {
            rel = relPath(req);
            rec = index.find(FileRecord.pathKeyOf("files/" + rel));
        }
        Bytes b = bytes(rel).orElseThrow(() -> ApiError.empty(404));
        Optional<FileRecord> matching = rec.filter(r -> r.contentSize() == b.length());
        if (!key.isEmpty() && matching.isEmpty()) throw ApiError.empty(404); // our copy is not the indexed one
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        String etag = matching.map(r -> "\"" + r.md5() + "\"").orElse(null);
        long mtime = Needle.inHaystack(rel) ? matching.map(FileRecord::timeStamp).orElse(b.mtime()) : b.mtime();
        Reply r = FileReply.of(req, b.file(), b.start(), b.length(), mtime, etag,
                ContentTypes.of(name, b.file(), b.start(), b.length()));
        if (!key.isEmpty() && !req.method().equals("HEAD")) {
            r.header(Transfers.DIGEST_HEADER, digestOf(cfg, matching.get(), b));
            r.header(Transfers.VERSION_HEADER, Long.toString(matching.get().timeStamp()));
        }
        return r;
    }

    private Reply has(Request req) throws IOException {
        String key = req.param("md5");
        Map<String, Object> m = new LinkedHashMap<>();
        if (!key.isEmpty()) {
            FileRecord r = index.find(key).filter(volumes::onDisk).orElseThrow(() -> ApiError.empty(404));
            m.put("record", r);
            m.put("size", r.contentSize());
            return Reply.compact(m);
        }
        String rel = relPath(req);
        Optional<FileRecord> r = index.find(FileRecord.pathKeyOf("files/" + rel)).filter(volumes::onDisk);
        Bytes b = bytes(rel).orElseThrow(() -> ApiError.empty(404));
        m.put("record", r.orElse(null));
        m.put("size", b.length());
        return Reply.compact(m);
    }

    /** The bytes a download path names here: a whole file, or a merged small file's live slot. */
    private record Bytes(Path file, long start, long length, long mtime) {}

    private Optional<Bytes> bytes(String rel) throws IOException {
        if (Needle.inHaystack(rel)) {
            Optional<Needle> needle = Needle.parse(rel);
            if (needle.isEmpty()) return Optional.empty();
            Slot s = volumes.slot(needle.get());
            return s.live() ? Optional.of(new Bytes(s.container(), s.start(), s.length(), s.mtimeSeconds()))
                    : Optional.empty();
        }
        Optional<Path> file = store.servable(rel);
        if (file.isEmpty()) return Optional.empty();
        BasicFileAttributes attrs = Files.readAttributes(file.get(), BasicFileAttributes.class);
        return Optional.of(new Bytes(file.get(), 0, attrs.size(), attrs.lastModifiedTime().toMillis() / 1000));
    }

    private Reply summary(Request req) {
        String day = req.param("day");
        List<Inventory.DaySummary> days = day.isEmpty() ? inventory.days() : List.of(inventory.day(day));
        return Reply.compact(days);
    }

    private Reply digests(Request req) {
        String day = req.param("day");
        if (!DailyStat.isDay(day)) throw ApiError.empty(400);
        int limit = (int) Math.min(MAX_PAGE, Math.max(1, longParam(req, "limit", MAX_PAGE)));
        return Reply.compact(inventory.page(day, req.param("after"), limit));
    }

    /** A download path below files/, checked like any client path (API.md §1.9). */
    private static String relPath(Request req) {
        String rel = req.param("path");
        try {
            return SafePath.relative(rel);
        } catch (UnsafePathException e) {
            throw ApiError.empty(400);
        }
    }

    /** "md5:<hex>" or "sha1:<hex>": the record's digest, or, for path identities, the content's. */
    private String digestOf(Config cfg, FileRecord rec, Bytes b) throws IOException {
        if (!Transfers.pathIdentity(rec)) return Transfers.statedDigest(rec);
        String algorithm = cfg.fileSumArithmetic();
        return algorithm + ":" + contentDigests.of(algorithm, b.file(), b.start(), b.length());
    }

    private static long longParam(Request req, String name, long dflt) {
        try {
            return Long.parseLong(req.param(name).trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
