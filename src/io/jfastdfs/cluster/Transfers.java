package io.jfastdfs.cluster;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.index.Event;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Replicas;
import io.jfastdfs.merge.Needle;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.PathLayout;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.TempFile;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Applies what peers say happened: copies a peer's file to the same path and name (verified by size
 * and digest before it is placed, API.md §5.3 item 3), indexes it, or applies a delete. Work on one
 * identity is serialised, so events may be applied concurrently and in any order: time stamps and
 * tombstones decide, not arrival.
 */
final class Transfers {
    /** What {@link #replicate} did. */
    enum Result { STORED, PRESENT, TOMBSTONED, CONFLICT, UNSUPPORTED, GONE }

    static final String DIGEST_HEADER = "X-Content-Digest";
    /** The time stamp of the record the source serves: which version of a path it sends. */
    static final String VERSION_HEADER = "X-Record-Time";
    /** An identity or key as the index writes them: md5 or sha1 hex (a path key is an md5 too). */
    static final Pattern CONTENT_DIGEST = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}");
    private static final Pattern STATED_DIGEST = Pattern.compile("md5:[0-9a-f]{32}|sha1:[0-9a-f]{40}");
    private static final int BACKGROUND_COPIES = 16;

    private final Settings settings;
    private final FileStore store;
    private final Volumes volumes;
    private final FileIndex index;
    private final Replicas replicas;
    private final Supplier<List<PeerClient>> peers;
    private final AppLog log;
    private final Jobs jobs;
    private final Semaphore transfers;
    private final Semaphore background = new Semaphore(BACKGROUND_COPIES);
    /** The identities being worked on, each with the lock its later workers wait for (see {@link #lock}). */
    private final Map<String, ReentrantLock> working = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    Transfers(Settings settings, FileStore store, Volumes volumes, FileIndex index, Replicas replicas,
              Supplier<List<PeerClient>> peers, AppLog log, Jobs jobs) {
        this.settings = settings;
        this.store = store;
        this.volumes = volumes;
        this.index = index;
        this.replicas = replicas;
        this.peers = peers;
        this.log = log;
        this.jobs = jobs;
        this.transfers = new Semaphore(Math.max(1, settings.get().syncWorker()));
    }

    /** Transfers running now (part of Fs.QueueFromPeers). */
    int active() {
        return active.get();
    }

    /**
     * Makes {@code rec}, announced by {@code source}, present here. Throws when it should be tried
     * again later (peer unreachable, wrong bytes, disk full); every other outcome is final.
     */
    Result replicate(FileRecord rec, List<String> aliases, PeerClient source) throws IOException, InterruptedException {
        if (!acceptable(rec)) return Result.UNSUPPORTED;
        ReentrantLock lock = lock(rec.md5());
        try {
            OptionalLong tomb = replicas.tombstone(rec);
            if (tomb.isPresent() && tomb.getAsLong() >= rec.timeStamp()) return Result.TOMBSTONED;
            boolean replace = false;
            Optional<FileRecord> local = index.find(rec.md5());
            if (local.isPresent()) {
                boolean newer = pathIdentity(rec) && rec.timeStamp() > local.get().timeStamp();
                if (!newer && volumes.onDisk(local.get())) {
                    if (!aliases.isEmpty()) replicas.applyAdd(rec, aliases, false);
                    return Result.PRESENT;
                }
                replace = true; // a newer overwrite of the path, or our copy's bytes are lost
            } else if (!pathIdentity(rec)) {
                Optional<FileRecord> atPath = index.find(rec.pathKey());
                if (atPath.isPresent() && !atPath.get().md5().equals(rec.md5()) && volumes.onDisk(atPath.get())) {
                    log.warn("replica " + rec.relativeFile() + " from " + source.url()
                            + " not stored: a different local file has that path");
                    return Result.CONFLICT;
                }
            }
            if (foreignSlot(rec)) return Result.CONFLICT;
            checkWritable();
            PeerClient from = fetch(rec, source);
            if (from == null) return Result.GONE;
            FileRecord stored = rec.addPeer(from.url()).addPeer(settings.get().host());
            if (replicas.applyAdd(stored, aliases, replace) == Replicas.Outcome.TOMBSTONED) {
                discard(rec);
                return Result.TOMBSTONED;
            }
            return Result.STORED;
        } finally {
            unlock(rec.md5(), lock);
        }
    }

    /** Copies in the background (read-repair, hints); dropped when too many copies are running. */
    void replicateLater(FileRecord rec, List<String> aliases, PeerClient source) {
        if (!background.tryAcquire()) return;
        Thread started = jobs.start("replica-copy", () -> {
            try {
                replicate(rec, aliases, source);
            } catch (IOException e) {
                log.warn("copy of " + rec.relativeFile() + " from " + source.url() + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                background.release();
            }
        });
        if (started == null) background.release();
    }

    /**
     * Applies a peer's delete: the file goes unless ours is newer; the tombstone stays either way. An
     * unindexed file at the deleted record's path goes too: a copy placed just before a crash, whose
     * index row never committed.
     */
    void delete(Event e) throws InterruptedException, IOException {
        ReentrantLock lock = lock(e.md5());
        try {
            Optional<FileRecord> local = index.find(e.md5());
            FileRecord target = local.orElse(e.record() != null && acceptable(e.record()) ? e.record() : null);
            if (target != null && target.timeStamp() <= e.at()
                    && (local.isPresent() || (index.find(target.pathKey()).isEmpty() && !foreignSlot(target)))) {
                discard(target);
            }
            replicas.applyDelete(e.md5(), e.record(), e.at());
        } finally {
            unlock(e.md5(), lock);
        }
    }

    /** "md5:<hex>" or "sha1:<hex>" of a record whose identity is its content digest. */
    static String statedDigest(FileRecord rec) {
        return (rec.md5().length() == 40 ? "sha1:" : "md5:") + rec.md5().toLowerCase(Locale.ROOT);
    }


    /** Whether {@code r}'s bytes are on this node (repair skips those). */
    boolean onDisk(FileRecord r) {
        return volumes.onDisk(r);
    }

    /** Another node's merged file in this node's own container directory (a peer_id clash): our bytes are there. */
    private boolean foreignSlot(FileRecord r) {
        return r.offset() >= 0 && volumes.clashes(r);
    }

    /** Removes a record's bytes: a merged small file's slot is erased, a plain file deleted. */
    private void discard(FileRecord r) throws IOException {
        if (r.offset() >= 0) volumes.erase(r);
        else store.delete(r.relativeFile());
    }

    /**
     * Identity is the path key (enable_distinct_file false, migrated files), so the hash of the bytes
     * is not in the record: the source states it.
     */
    static boolean pathIdentity(FileRecord rec) {
        return rec.md5().equals(rec.pathKey()) || !CONTENT_DIGEST.matcher(rec.md5()).matches();
    }

    /**
     * Records this node can store: a regular file in files/ or below it (never in an internal
     * directory), a plain stored name, bytes to copy; or a merged small file with a valid slot address.
     * Files right in files/ come from migration or a custom path "files".
     */
    static boolean acceptable(FileRecord rec) {
        if (rec.size() <= 0 || rec.md5().isEmpty()) return false;
        if (rec.offset() >= 0) return Needle.of(rec).isPresent(); // written into its slot, see place()
        if (!rec.path().equals("files") && !rec.path().startsWith("files/")) return false;
        try {
            if (!rec.path().equals("files")) {
                String top = SafePath.relative(rec.path().substring("files/".length())).split("/")[0];
                if (PathLayout.reservedTop(top)) return false;
            }
            SafePath.name(rec.storedName());
            return true;
        } catch (UnsafePathException e) {
            return false;
        }
    }

    /** Downloads from the source, else from any live peer that has the file; null when no one has it. */
    private PeerClient fetch(FileRecord rec, PeerClient source) throws IOException, InterruptedException {
        List<PeerClient> candidates = new ArrayList<>();
        candidates.add(source);
        for (PeerClient p : peers.get()) if (p != source && p.state().up()) candidates.add(p);
        IOException last = null;
        for (PeerClient p : candidates) {
            try {
                if (p != source && p.has("md5", rec.md5()).isEmpty()) continue;
                if (download(rec, p)) return p;
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null) throw last;
        log.info("skipped " + rec.relativeFile() + " (" + rec.md5() + "): no reachable peer has that version any more");
        return null;
    }

    /**
     * One verified copy from {@code p} into place; false when {@code p} does not have the file, or has
     * another version of the path (a later event of its log brings that one).
     */
    private boolean download(FileRecord rec, PeerClient p) throws IOException, InterruptedException {
        if (!transfers.tryAcquire(1, TimeUnit.HOURS)) throw new IOException("no transfer slot");
        active.incrementAndGet();
        try (PeerClient.Body b = p.file("md5", rec.md5(), "GET", Map.of())) {
            if (b.status() == 404) return false;
            if (b.status() != 200) throw p.failure("answered HTTP " + b.status() + " for " + rec.md5());
            if (pathIdentity(rec) && !b.header(VERSION_HEADER).equals(Long.toString(rec.timeStamp()))) return false;
            String expected = pathIdentity(rec) ? b.header(DIGEST_HEADER) : statedDigest(rec);
            if (!STATED_DIGEST.matcher(expected).matches()) throw p.failure("stated no digest for " + rec.md5());
            if (b.length() >= 0 && b.length() != rec.contentSize()) {
                throw p.failure("sent " + b.length() + " bytes for " + rec.md5() + ", expected " + rec.contentSize());
            }
            place(rec, p, b.in(), expected);
            return true;
        } finally {
            active.decrementAndGet();
            transfers.release();
        }
    }

    private void place(FileRecord rec, PeerClient p, InputStream in, String expected) throws IOException {
        Config cfg = settings.get();
        String algorithm = expected.substring(0, expected.indexOf(':'));
        TempFile t = store.newTemp(algorithm, rec.contentSize());
        try {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) t.write(buf, 0, n);
            if (t.size() != rec.contentSize()) {
                throw p.failure("sent " + t.size() + " bytes of " + rec.contentSize() + " for " + rec.md5());
            }
            String got = algorithm + ":" + t.digestHex();
            if (!got.equals(expected)) {
                throw p.failure("sent bytes with digest " + got + " for " + rec.md5() + ", expected " + expected);
            }
            if (rec.offset() >= 0) { // same container, same offset as the origin: the URL is valid here too
                t.finish(false);
                volumes.put(rec, t.path());
                return;
            }
            t.finish(cfg.fsyncUploads());
            Files.setLastModifiedTime(t.path(), FileTime.from(rec.timeStamp(), TimeUnit.SECONDS));
            store.place(t, rec.path(), rec.storedName(), true, cfg.fsyncUploads());
        } catch (TempFile.TooLargeException e) {
            throw p.failure("sent more than " + rec.contentSize() + " bytes for " + rec.md5());
        } finally {
            t.discard();
        }
    }

    private void checkWritable() throws IOException {
        Config cfg = settings.get();
        if (cfg.readOnly()) throw new IOException("read_only is set: incoming replicas wait");
        if (store.usableSpace() < cfg.minFreeDiskBytes()) {
            throw new IOException("disk full: incoming replicas wait");
        }
    }

    /**
     * Work on one identity is serialised and held across its transfer, so a file announced by
     * several peers at once is fetched once; work on other identities never waits for it.
     */
    private ReentrantLock lock(String md5) throws InterruptedException {
        while (true) {
            ReentrantLock mine = new ReentrantLock();
            mine.lock();
            ReentrantLock holder = working.putIfAbsent(md5, mine);
            if (holder == null) return mine;
            holder.lockInterruptibly(); // wait for the holder's unlock, then compete again
            holder.unlock();
        }
    }

    private void unlock(String md5, ReentrantLock lock) {
        working.remove(md5, lock);
        lock.unlock();
    }
}
