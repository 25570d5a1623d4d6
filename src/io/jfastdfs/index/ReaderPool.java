package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * A fixed set of platform threads, each with its own read-only connection. JDBC calls block in native
 * code and would pin a virtual thread's carrier, so reads are handed to these threads; WAL lets them
 * run alongside the writer. Each read sees one snapshot (a deferred read transaction).
 */
final class ReaderPool implements AutoCloseable {
    private static final String BEGIN = "BEGIN";
    private static final String END = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";

    private final ExecutorService threads;
    /** This pool's threads, to refuse a read started from inside a read. */
    private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Connection> connection;
    /** Every connection handed out, closed by {@link #close()} once the threads are done. */
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();

    ReaderPool(int size, ConnectionFactory factory) {
        ThreadFactory platform = Thread.ofPlatform().name("index-reader-", 1).daemon().factory();
        threads = Executors.newFixedThreadPool(size, task -> {
            Thread t = platform.newThread(task);
            ownThreads.add(t);
            return t;
        });
        connection = ThreadLocal.withInitial(() -> {
            try {
                Connection c = factory.open();
                opened.add(c);
                return c;
            } catch (SQLException e) {
                throw new IndexException("cannot open index reader: " + e.getMessage(), e);
            }
        });
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        if (ownThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException("read work must not start another read (a busy pool would wait on itself)");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    done.complete(inSnapshot(connection.get(), work));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IndexException("index is closed");
        }
        return done;
    }

    private static <T> T inSnapshot(Connection c, SqlWork<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(BEGIN);
            T result;
            try {
                result = work.run(c);
            } catch (Throwable e) {
                try {
                    s.execute(ROLLBACK);
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
            s.execute(END);
            return result;
        }
    }

    /** Waits for running reads, then closes every reader connection. */
    @Override
    public void close() {
        threads.close();
        SQLException failure = null;
        for (Connection c; (c = opened.poll()) != null; ) {
            try {
                c.close();
            } catch (SQLException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw new IndexException("closing index readers: " + failure.getMessage(), failure);
    }
}
