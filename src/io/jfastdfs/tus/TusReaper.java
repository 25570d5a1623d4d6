package io.jfastdfs.tus;

import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Expiration (API.md §2.18): removes unfinished uploads idle longer than {@code idle} with their
 * data, forgets finished ones after {@link #FINISHED_KEPT}, and deletes data files no upload
 * owns. At start it also completes the bookkeeping of uploads a crash interrupted after they were
 * stored and indexed but before their row was marked finished.
 */
final class TusReaper implements AutoCloseable {
    /** How long HEAD keeps answering for a finished upload. */
    static final Duration FINISHED_KEPT = Duration.ofHours(24);
    /** A data file without a row is left alone this long (a final upload is being assembled). */
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private final TusStore rows;
    private final FileStore store;
    private final FileIndex index;
    private final UploadLocks locks;
    private final Duration idle;
    private final LongSupplier clock;
    private final Consumer<String> warn;
    private volatile Thread thread;

    TusReaper(TusStore rows, FileStore store, FileIndex index, UploadLocks locks, Duration idle, LongSupplier clock,
              Consumer<String> warn) {
        this.rows = rows;
        this.store = store;
        this.index = index;
        this.locks = locks;
        this.idle = idle;
        this.clock = clock;
        this.warn = warn;
    }

    /** Marks uploads finished whose id the index already resolves; returns how many. */
    int recover() {
        int n = 0;
        for (TusUpload u : rows.unfinished()) {
            if (u.partial()) continue;
            Optional<FileRecord> rec = index.find(u.id());
            if (rec.isPresent()) {
                rows.finished(u.id(), rec.get().size(), rec.get().md5(), clock.getAsLong());
                n++;
            }
        }
        return n;
    }

    /** One pass; returns how many uploads and stray files were removed. */
    int sweep() {
        long now = clock.getAsLong();
        int n = 0;
        for (TusUpload u : rows.expired(now - idle.toMillis(), now - FINISHED_KEPT.toMillis())) {
            UploadLocks.Lease lease = locks.tryAcquire(u.id());
            if (lease == null) continue; // being written right now: not idle after all
            try (lease) {
                rows.delete(u.id());
                if (!u.finished()) Files.deleteIfExists(store.resolve(u.file()));
                n++;
            } catch (IOException e) {
                warn.accept("tus: cannot delete expired upload data " + u.file() + ": " + e.getMessage());
            }
        }
        return n + removeOrphans(now);
    }

    /** Runs {@link #sweep} every {@code every} on a virtual thread until closed. */
    void start(Duration every) {
        thread = Thread.ofVirtual().name("tus-reaper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                    sweep();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    warn.accept("tus: expiry sweep failed: " + e);
                }
            }
        });
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int removeOrphans(long now) {
        Path big = store.root().resolve(FileStore.BIG);
        if (!Files.isDirectory(big)) return 0;
        Set<String> known = rows.ids();
        int n = 0;
        try (DirectoryStream<Path> peers = Files.newDirectoryStream(big)) {
            for (Path dir : peers) {
                n += Files.isDirectory(dir) ? removeOrphansIn(dir, known, now) : removeIfOrphan(dir, known, now);
            }
        } catch (IOException e) {
            warn.accept("tus: cannot scan " + big + ": " + e.getMessage());
        }
        return n;
    }

    private int removeOrphansIn(Path dir, Set<String> known, long now) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path f : files) n += removeIfOrphan(f, known, now);
        }
        return n;
    }

    private int removeIfOrphan(Path f, Set<String> known, long now) throws IOException {
        String name = f.getFileName().toString();
        if (!name.endsWith(".bin") || known.contains(name.substring(0, name.length() - 4))) return 0;
        if (Files.getLastModifiedTime(f).toMillis() > now - ORPHAN_AGE.toMillis()) return 0;
        return Files.deleteIfExists(f) ? 1 : 0;
    }
}
