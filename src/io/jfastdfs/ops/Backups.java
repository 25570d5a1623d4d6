package io.jfastdfs.ops;

import io.jfastdfs.index.Database;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.JobMarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The backup jobs of API.md §6.7: {@code backup?date=D} on request, and yesterday's backup once a
 * day, one at a time on one thread. The last day the daily job backed up is kept in the index, so a
 * node restarted after midnight, or down over it, still backs up yesterday (go-fastdfs skips it).
 */
public final class Backups implements AutoCloseable {
    static final String JOB = "daily_backup";
    private static final long CHECK_MILLIS = 60_000;
    private static final long RETRY_MILLIS = 10 * 60_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final BackupWriter writer;
    private final JobMarks marks;
    private final FileIndex index;
    private final AppLog log;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("backup").daemon().factory());
    /** Days requested and not started yet: the report page's 30-day button, clicked twice, queues 30. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The daily job's last day, read from the index at start; then touched by the job thread only. */
    private String backedUp;
    private long retryAt;

    public Backups(Path dataDir, Database db, FileIndex index, AppLog log) {
        this.writer = new BackupWriter(dataDir, db);
        this.marks = new JobMarks(db);
        this.index = index;
        this.log = log;
    }

    /**
     * Starts the daily job: checked now (the node may have been down at midnight), then every minute.
     * A new node (no mark, no file) has nothing to back up: yesterday is marked done right here.
     */
    public void start() {
        backedUp = marks.get(JOB).orElse("");
        if (backedUp.isEmpty() && index.count() == 0) {
            backedUp = yesterday();
            marks.put(JOB, backedUp);
        }
        thread.scheduleWithFixedDelay(this::daily, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Queues the backup of {@code day} (yyyyMMdd, validated) unless it is waiting already. */
    public void request(String day) {
        if (!queued.add(day)) return;
        try {
            thread.execute(() -> {
                queued.remove(day);
                backUp(day);
            });
        } catch (RejectedExecutionException e) {
            queued.remove(day); // closing
        }
    }

    /** Backs up yesterday unless the daily job did already; a failure is retried 10 minutes later. */
    private void daily() {
        try {
            String yesterday = yesterday();
            if (backedUp.compareTo(yesterday) >= 0 || System.currentTimeMillis() < retryAt) return;
            if (backUp(yesterday)) {
                marks.put(JOB, yesterday);
                backedUp = yesterday;
            } else {
                retryAt = System.currentTimeMillis() + RETRY_MILLIS;
            }
        } catch (RuntimeException e) { // an escaping exception would cancel the schedule
            if (!thread.isShutdown()) log.error("daily backup", e);
        }
    }

    private static String yesterday() {
        return DAY.format(LocalDate.now().minusDays(1));
    }

    private boolean backUp(String day) {
        try {
            int n = writer.write(day);
            log.info("backup of " + day + " written to data/" + day + ": " + n + " files");
            return true;
        } catch (IOException e) {
            if (!thread.isShutdown()) log.warn("backup of " + day + " failed: " + e);
        } catch (RuntimeException e) {
            if (!thread.isShutdown()) log.error("backup of " + day + " failed", e);
        }
        return false;
    }

    /** Stops the jobs; a backup being written is interrupted (its temp files are overwritten next time). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
