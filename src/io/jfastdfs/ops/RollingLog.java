package io.jfastdfs.ops;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only UTF-8 line log that rolls {@code file} → {@code file.1} … {@code file.keep} before a line would
 * take it past {@code maxBytes} (API.md §6.2: log/fileserver.log, log/access.log).
 *
 * <p>Lines go into a 64 KiB buffer under a short lock, so the per-request cost is a memory copy; a shared
 * daemon thread flushes dirty logs every 200 ms, and a shutdown hook flushes whatever is left. A
 * ReentrantLock rather than synchronized keeps virtual threads from pinning their carrier during the
 * occasional write(2). I/O errors never reach callers: the line is reported on stderr and the file is
 * reopened on the next line.
 */
public final class RollingLog implements Closeable {

    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 10;

    private static final long FLUSH_MILLIS = 200;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rolling-log-flush");
        t.setDaemon(true);
        return t;
    });
    private static final Set<RollingLog> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(RollingLog::flush), "rolling-log-exit"));
    }

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledFuture<?> flushTask;
    private OutputStream out;
    private long size;
    private boolean dirty;
    private boolean closed;

    /** Opens (appending to) {@code file}, creating its directory; {@code keep} is the number of rolled files. */
    public RollingLog(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes <= 0 || keep < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and keep non-negative");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
        OPEN.add(this);
        flushTask = FLUSHER.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Appends {@code s} and a newline. A line is never split across files; one longer than maxBytes gets a
     * file of its own.
     */
    public void line(String s) {
        byte[] bytes = (s + "\n").getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxBytes) {
                roll();
            }
            out.write(bytes);
            size += bytes.length;
            dirty = true;
        } catch (IOException e) {
            System.err.println("log " + file + ": " + e + "; lost line: " + s);
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    /** Writes buffered lines to the file. */
    public void flush() {
        lock.lock();
        try {
            if (dirty && out != null) {
                out.flush();
                dirty = false;
            }
        } catch (IOException e) {
            System.err.println("log " + file + ": flush failed: " + e);
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    /** Flushes and closes; later lines are dropped. */
    @Override
    public void close() {
        flushTask.cancel(false);
        OPEN.remove(this);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            System.err.println("log " + file + ": close failed: " + e);
        } finally {
            out = null;
            lock.unlock();
        }
    }

    private void open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        out = new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), BUFFER_BYTES);
        size = Files.size(file);
        dirty = false;
    }

    /** Shifts file.(keep-1) → file.keep … file → file.1 (the oldest falls off) and starts an empty file. */
    private void roll() throws IOException {
        out.close();
        out = null;
        if (keep == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rolled(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rolled(i))) {
                    Files.move(rolled(i), rolled(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rolled(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path rolled(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // Already failing; the next line reopens the file.
        }
        out = null;
    }
}
