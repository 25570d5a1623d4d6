package io.jfastdfs.ops;

import io.jfastdfs.config.Settings;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.FileEvents;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.PathLayout;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Migration (API.md §6.3): indexes files put into files/ by hand (a copied FastDFS or go-fastdfs
 * tree) so that delete, get_file_info, stats and replication work for them. Identity is the path
 * key, md5 of "files/&lt;dir&gt;/&lt;name&gt;", and offset -2, as go-fastdfs does; unlike it, the
 * internal directories (_tmp, _big, any other "_" directory) and haystack are skipped, and files
 * already indexed under their path are left alone, so a rescan adds nothing and costs one index
 * lookup per file. Inserted records book stats and replicate like uploads. One scan at a time, on a
 * low-priority thread, with progress in the log.
 */
public final class Migrator implements AutoCloseable {
    private static final boolean UNIX_ATTRIBUTES =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final int BATCH = 500;
    private static final int PARALLEL = 64;
    /**
     * A file linked into place this recently may be an upload, replica or tus completion whose index
     * row is committing right now; it is looked at again once it has settled.
     */
    static final long SETTLE_MILLIS = 2_000;
    private static final long PROGRESS_MILLIS = 30_000;

    /** What one scan did. */
    record Outcome(long seen, long indexed, long bytes, long skipped) {}

    private final Settings settings;
    private final FileStore store;
    private final FileIndex index;
    private final FileEvents events;
    private final AppLog log;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread thread;

    public Migrator(Settings settings, FileStore store, FileIndex index, FileEvents events, AppLog log) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.events = events;
        this.log = log;
    }

    /** Starts a scan in the background unless one is running; true when started. */
    public boolean startAsync() {
        if (closed || !running.compareAndSet(false, true)) return false;
        thread = Thread.ofPlatform().name("migration").priority(Thread.MIN_PRIORITY).daemon(true).start(() -> {
            try {
                log.info("migration: indexing files under files/ that the index does not know");
                long started = System.currentTimeMillis();
                Outcome o = scan();
                if (!closed) {
                    log.info("migration done in " + (System.currentTimeMillis() - started) / 1000 + " s: " + o.seen()
                            + " files seen, " + o.indexed() + " indexed (" + o.bytes() + " bytes), "
                            + o.skipped() + " skipped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (!closed) log.error("migration stopped", e);
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    /** Walks files/ once and indexes what is new. */
    Outcome scan() throws IOException, InterruptedException {
        Scan s = new Scan();
        Files.walkFileTree(store.root(), s);
        if (!closed) s.flush();
        s.settle();
        return new Outcome(s.seen, s.indexed.get(), s.bytes.get(), s.skipped.get());
    }

    /** A regular file under files/: its path on disk and its store-relative directory and name. */
    private record Candidate(Path file, String dir, String name) {
        String key() {
            return FileRecord.pathKeyOf(dir + "/" + name);
        }
    }

    private final class Scan extends SimpleFileVisitor<Path> {
        private final Path root = store.root();
        private final Map<String, Candidate> batch = new LinkedHashMap<>();
        private final List<Candidate> settling = new ArrayList<>();
        private long seen;
        private final AtomicLong indexed = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private long nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (closed) return FileVisitResult.TERMINATE;
            if (root.equals(dir.getParent()) && PathLayout.reservedTop(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() || attrs.size() == 0) return FileVisitResult.CONTINUE;
            seen++;
            String rel = root.relativize(file).toString().replace('\\', '/');
            int slash = rel.lastIndexOf('/');
            Candidate c = new Candidate(file, slash < 0 ? "files" : "files/" + rel.substring(0, slash),
                    rel.substring(slash + 1));
            try {
                SafePath.relative(rel);
                SafePath.name(c.name());
            } catch (UnsafePathException e) {
                skipped.incrementAndGet(); // no client could name it (control characters, a 256-byte name…)
                return FileVisitResult.CONTINUE;
            }
            batch.put(c.key(), c);
            if (batch.size() >= BATCH) flush();
            return closed ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            skipped.incrementAndGet();
            return FileVisitResult.CONTINUE;
        }

        /** Indexes the batch's files the index does not know; recent ones wait for {@link #settle}. */
        void flush() {
            Set<String> known = index.known(batch.keySet());
            long now = System.currentTimeMillis();
            List<Candidate> settled = new ArrayList<>();
            for (Map.Entry<String, Candidate> e : batch.entrySet()) {
                if (known.contains(e.getKey())) continue;
                if (now - linkedAt(e.getValue().file()) < SETTLE_MILLIS) settling.add(e.getValue());
                else settled.add(e.getValue());
            }
            batch.clear();
            addAll(settled);
            if (now >= nextProgress) {
                nextProgress = now + PROGRESS_MILLIS;
                log.info("migration: " + seen + " files seen, " + indexed.get() + " indexed so far");
            }
        }

        /** Waits until the recent files have settled, then indexes those still unknown. */
        void settle() throws InterruptedException {
            if (settling.isEmpty() || closed) return;
            long last = 0;
            for (Candidate c : settling) last = Math.max(last, linkedAt(c.file()));
            Thread.sleep(Math.max(0, last + SETTLE_MILLIS - System.currentTimeMillis()));
            for (Candidate c : settling) batch.put(c.key(), c);
            settling.clear();
            if (!closed) flush();
        }

        /**
         * Indexes {@code files}, {@link #PARALLEL} at a time: the index's writer commits concurrent
         * inserts together, one sync per batch instead of one per file (measured: ~1,000 files/s one
         * by one).
         */
        private void addAll(List<Candidate> files) {
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Semaphore slots = new Semaphore(PARALLEL);
            try (ExecutorService inserts = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Candidate c : files) {
                    if (closed || failure.get() != null) break;
                    slots.acquireUninterruptibly();
                    inserts.execute(() -> {
                        try {
                            add(c);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            if (failure.get() != null) throw failure.get();
        }

        private void add(Candidate c) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(c.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return; // deleted since it was listed
            } catch (IOException e) {
                skipped.incrementAndGet();
                return;
            }
            if (!a.isRegularFile() || a.size() == 0) return;
            String scene = c.dir().equals("files") ? "" : c.dir().split("/")[1];
            FileRecord rec = new FileRecord(c.name(), "", c.dir(), c.key(), a.size(),
                    List.of(settings.get().host()), scene, a.lastModifiedTime().toMillis() / 1000,
                    FileRecord.OFFSET_MIGRATED);
            if (index.insert(rec, List.of()).inserted()) {
                indexed.incrementAndGet();
                bytes.addAndGet(rec.size());
                events.added(rec);
            }
        }
    }

    /**
     * When the file got its current name: its inode change time, which a link, a rename and an
     * mtime change all set (an mtime alone may be the origin's, hours old, on a replica).
     */
    private static long linkedAt(Path file) {
        try {
            if (UNIX_ATTRIBUTES) {
                return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toMillis();
            }
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Stops a running scan between two files. */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
