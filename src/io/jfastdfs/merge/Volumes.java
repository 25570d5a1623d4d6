package io.jfastdfs.merge;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.TempFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's merged small files (API.md §3.6, go-fastdfs "haystack"): containers
 * {@code files/haystack/<peer_id>/<100..299>}. Uploads fill this node's containers one after the other
 * (the next number once one reaches the cap), so concurrent appends share one container and its
 * fsyncs; replicas are written at the origin's container and offset so every URL is valid on every
 * node. Space of deleted files is zeroed, not reclaimed: URLs embed offsets.
 */
public final class Volumes implements AutoCloseable {
    static final int FIRST = 100;
    static final int LAST = 299;
    static final long DEFAULT_CAP = 256L * 1024 * 1024;

    private final Settings settings;
    private final FileStore store;
    private final AppLog log;
    private final long cap;
    private final Map<Path, Volume> volumes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();
    private volatile String suspended;

    public Volumes(Settings settings, FileStore store, AppLog log) {
        this(settings, store, log, DEFAULT_CAP);
    }

    /** {@code cap}: the size a container is not appended beyond. */
    Volumes(Settings settings, FileStore store, AppLog log, long cap) {
        this.settings = settings;
        this.store = store;
        this.log = log;
        this.cap = cap;
    }

    /**
     * True when an upload of {@code size} bytes goes into a container: merging on, a multipart upload
     * (never tus), 0 < size < 1 MiB, a peer_id to name the directory, and no peer_id clash seen.
     */
    public boolean merges(long size, boolean tus) {
        Config cfg = settings.get();
        return cfg.enableMergeSmallFile() && !tus && size > 0 && size < Needle.MAX_LENGTH
                && !cfg.peerId().isEmpty() && suspended == null;
    }

    /**
     * Appends an upload's bytes (flag byte '1' first) to this node's current container and makes them
     * durable (when fsync_uploads). Empty when every container is full: the upload is stored as a file.
     */
    public Optional<Needle> append(TempFile t, String ext) throws IOException {
        Config cfg = settings.get();
        String dir = Needle.dirOf(cfg.peerId());
        AtomicInteger active = current.computeIfAbsent(dir, d -> new AtomicInteger(FIRST));
        for (int n = active.get(); n <= LAST; n++) {
            Volume v = volume(dir + "/" + n);
            Volume.Appended a = v.append(t.path(), t.size(), cap, cfg.fsyncUploads());
            if (a == null) {
                active.compareAndSet(n, n + 1);
                continue;
            }
            if (cfg.fsyncUploads()) v.sync(a.seq());
            return Optional.of(new Needle(cfg.peerId(), Integer.toString(n), a.offset(), t.size() + 1, ext));
        }
        return Optional.empty();
    }

    /** The state of a URL's slot, read from its container alone. */
    public Slot slot(Needle n) throws IOException {
        Path p = store.resolve(n.containerFile());
        if (!Files.isRegularFile(p) || !SafePath.reallyInside(store.root(), p)) return Slot.MISSING;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= n.offset()) return Slot.MISSING;
            ByteBuffer flag = ByteBuffer.allocate(1);
            if (ch.read(flag, n.offset()) != 1) return Slot.MISSING;
            byte f = flag.get(0);
            if (f == Volume.DELETED) return Slot.DELETED;
            if (f != Volume.LIVE || size < n.offset() + n.length()) return Slot.MISSING;
        }
        long mtime = Files.readAttributes(p, BasicFileAttributes.class).lastModifiedTime().toMillis() / 1000;
        return new Slot(Slot.State.LIVE, p, n.offset() + 1, n.contentLength(), mtime);
    }

    /** True when any record's bytes are on this node: a live slot, or a plain file of the right size. */
    public boolean onDisk(FileRecord r) {
        return r.offset() >= 0 ? holds(r) : store.present(r.relativeFile(), r.size());
    }

    /** True when a merged record's bytes are here, live. */
    public boolean holds(FileRecord r) {
        Optional<Needle> n = Needle.of(r);
        try {
            return n.isPresent() && slot(n.get()).live();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a replica's verified content into its slot (same container, same offset as the origin). */
    public void put(FileRecord r, Path content) throws IOException {
        Needle n = Needle.of(r).orElseThrow(() -> new IOException("not a merged small file: " + r.relativeFile()));
        volume(n.containerFile()).put(n.offset(), content, n.contentLength(), settings.get().fsyncUploads());
    }

    /** Deletes a merged file's bytes: flag '0', content zeroed. False when its container does not hold it. */
    public boolean erase(FileRecord r) throws IOException {
        Optional<Needle> n = Needle.of(r);
        if (n.isEmpty() || !Files.isRegularFile(store.resolve(n.get().containerFile()))) return false;
        return volume(n.get().containerFile()).erase(n.get().offset(), n.get().length(), settings.get().fsyncUploads());
    }

    /**
     * True when {@code replica}, made by another node, lies in this node's own peer_id directory: two
     * nodes share a peer_id and their containers collide (API.md §3.6). Merging stops here, loudly.
     */
    public boolean clashes(FileRecord replica) {
        Config cfg = settings.get();
        List<String> peers = replica.peers();
        if (!replica.path().equals(Needle.dirOf(cfg.peerId())) || peers == null || peers.isEmpty()
                || peers.get(0).equals(cfg.host())) {
            return false;
        }
        suspend(peers.get(0) + " stores merged small files under this node's peer_id \"" + cfg.peerId() + "\"");
        return true;
    }

    /** Stops merging new uploads (they are stored as plain files) until restart. */
    public void suspend(String reason) {
        if (suspended != null) return;
        suspended = reason;
        log.warn("small-file merge stopped: " + reason + "; give every node of the group its own peer_id");
    }

    private Volume volume(String relative) {
        return volumes.computeIfAbsent(store.resolve(relative), Volume::new);
    }

    @Override
    public void close() {
        volumes.values().forEach(Volume::close);
    }
}
