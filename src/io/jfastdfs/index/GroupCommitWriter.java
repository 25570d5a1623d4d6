package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one platform thread that owns the write connection. It takes everything queued, runs it in one
 * transaction with a savepoint per task, commits once and only then completes the tasks' futures, so
 * N concurrent writers share one WAL sync. A failing task rolls back to its savepoint and gets its own
 * exception; the rest of the batch commits.
 */
final class GroupCommitWriter {
    /** Bounds one commit's size (and its callers' latency) when a flood of writes is queued. */
    private static final int MAX_BATCH = 1024;
    private static final String BEGIN = "BEGIN IMMEDIATE";
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";
    private static final String SAVEPOINT = "SAVEPOINT task";
    private static final String RELEASE = "RELEASE task";
    private static final String ROLLBACK_TO = "ROLLBACK TO task";

    private static final Task<Void> STOP = new Task<>(c -> null);

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    /** Submitters hold the read side, stop() the write side: nothing is queued behind STOP. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong commits = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private boolean stopped;

    private GroupCommitWriter(ConnectionFactory opener) {
        thread = Thread.ofPlatform().name("index-writer").daemon().unstarted(() -> run(opener));
    }

    /** Starts the thread, which opens (and migrates) the connection; returns once that succeeded. */
    static GroupCommitWriter start(ConnectionFactory opener) {
        GroupCommitWriter writer = new GroupCommitWriter(opener);
        writer.thread.start();
        Database.await(writer.ready);
        return writer;
    }

    /** Queues work for the next batch; the future completes after that batch's commit. */
    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("write work must not start another write (it would wait for itself)");
        }
        Task<T> task = new Task<>(work);
        gate.readLock().lock();
        try {
            if (stopped) throw new IndexException("index is closed");
            queue.add(task);
        } finally {
            gate.readLock().unlock();
        }
        return task.done;
    }

    /** Lets the queued writes commit, then closes the connection and ends the thread. */
    void stop() {
        gate.writeLock().lock();
        try {
            if (!stopped) queue.add(STOP);
            stopped = true;
        } finally {
            gate.writeLock().unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Batches committed so far (tests use it to see batching). */
    long commits() {
        return commits.get();
    }

    /** Writes waiting for the writer thread (tests use it to build a batch). */
    int queued() {
        return queue.size();
    }

    private void run(ConnectionFactory opener) {
        Throwable failure = null;
        try (Connection c = opener.open(); Statement control = c.createStatement()) {
            ready.complete(null);
            loop(c, control);
        } catch (Throwable e) {
            failure = e;
            ready.completeExceptionally(e);
        } finally {
            refuseRest(failure);
        }
    }

    private void loop(Connection c, Statement control) throws InterruptedException {
        List<Task<?>> batch = new ArrayList<>();
        while (true) {
            batch.add(queue.take());
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.getLast() == STOP; // STOP is always the last thing queued
            if (stop) batch.removeLast();
            if (!batch.isEmpty()) commit(c, control, batch);
            batch.clear();
            if (stop) return;
        }
    }

    private void commit(Connection c, Statement control, List<Task<?>> batch) {
        try {
            control.execute(BEGIN);
            for (Task<?> task : batch) runInSavepoint(c, control, task);
            control.execute(COMMIT);
        } catch (SQLException | RuntimeException e) { // the loop must survive whatever the driver throws
            try {
                control.execute(ROLLBACK);
            } catch (SQLException alreadyGone) {
                e.addSuppressed(alreadyGone);
            }
            for (Task<?> task : batch) task.abort(e);
            return;
        }
        commits.incrementAndGet();
        for (Task<?> task : batch) task.finish();
    }

    private static void runInSavepoint(Connection c, Statement control, Task<?> task) throws SQLException {
        control.execute(SAVEPOINT);
        try {
            task.run(c);
        } catch (Throwable e) {
            task.failed(e);
            try {
                control.execute(ROLLBACK_TO);
            } catch (SQLException lost) {
                // SQLite rolls the whole transaction back on some errors (disk full, I/O): the batch is gone
                throw new SQLException("index batch aborted by: " + e.getMessage(), e);
            }
        }
        control.execute(RELEASE);
    }

    /** After the thread ends (close or crash) nothing queued may wait forever. */
    private void refuseRest(Throwable failure) {
        gate.writeLock().lock();
        try {
            stopped = true;
        } finally {
            gate.writeLock().unlock();
        }
        IndexException closed = new IndexException("index writer stopped", failure);
        for (Task<?> task; (task = queue.poll()) != null; ) task.abort(closed);
    }

    /** One queued write and its outcome, held until the batch's commit decides it. */
    private static final class Task<T> {
        final SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        private T value;
        private Throwable error;

        Task(SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            value = work.run(c);
        }

        void failed(Throwable e) {
            error = e;
        }

        void finish() {
            if (error == null) done.complete(value);
            else done.completeExceptionally(error);
        }

        /** The batch did not commit: the task's own error if it had one, else the batch's. */
        void abort(Throwable batchError) {
            done.completeExceptionally(error != null ? error : batchError);
        }
    }
}
