package io.jfastdfs.service;

import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * remove_empty_dir (API.md §6.7): deletes empty directories under files/, never the root, _tmp,
 * _big, or the directories of the current and previous minute (an upload may be about to use them).
 */
public final class Housekeeping {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd/HH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final FileStore store;
    private final AtomicBoolean running = new AtomicBoolean();

    public Housekeeping(FileStore store) {
        this.store = store;
    }

    /** Starts a sweep in the background unless one is running; true when started. */
    public boolean removeEmptyDirsAsync() {
        if (!running.compareAndSet(false, true)) return false;
        Thread.ofVirtual().name("remove-empty-dir").start(() -> {
            try {
                removeEmptyDirs();
            } catch (IOException ignored) {
                // a directory that vanished or cannot be read is left for the next sweep
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    /** Removes empty directories now; returns how many. */
    public int removeEmptyDirs() throws IOException {
        Path root = store.root();
        LocalDateTime now = LocalDateTime.now();
        LocalDateTime before = now.minusMinutes(1);
        String[] hours = {"/" + HOUR.format(now), "/" + HOUR.format(before)};
        String[] days = {"/" + DAY.format(now), "/" + DAY.format(before)};
        int[] removed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root.resolve(FileStore.TMP)) || dir.equals(root.resolve(FileStore.BIG))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                String rel = "/" + root.relativize(dir).toString().replace('\\', '/');
                if (dir.equals(root) || inUse(rel, hours, days)) return FileVisitResult.CONTINUE;
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) return FileVisitResult.CONTINUE;
                }
                try {
                    Files.delete(dir);
                    removed[0]++;
                } catch (DirectoryNotEmptyException e) {
                    // a file arrived meanwhile: keep it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return removed[0];
    }

    /** The directories an upload of this or the previous minute may be creating right now. */
    private static boolean inUse(String rel, String[] hours, String[] days) {
        for (String h : hours) if (rel.contains(h + "/") || rel.endsWith(h)) return true;
        for (String d : days) if (rel.endsWith(d)) return true;
        return false;
    }
}
