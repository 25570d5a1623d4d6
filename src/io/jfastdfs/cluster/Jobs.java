package io.jfastdfs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Every thread of the cluster (peer loops, repairs, transfers of a page, read-repair copies, fan-out
 * calls) is a virtual thread started here, which shutdown interrupts and waits for, so nothing
 * touches the index after it is closed.
 */
final class Jobs implements AutoCloseable {
    private static final long JOIN_MILLIS = 2_000;

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** Starts {@code work}; null once shutdown began. */
    synchronized Thread start(String name, Runnable work) {
        if (closed) return null;
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
        return t;
    }

    /**
     * Runs {@code task} for 0 … n-1, at most {@code parallel} at once, and waits for all of them;
     * starts no more once {@code enough} says so. Interrupted, it interrupts those still running.
     */
    void forEach(String name, int n, int parallel, BooleanSupplier enough, IntConsumer task)
            throws InterruptedException {
        Semaphore slots = new Semaphore(parallel);
        List<Thread> started = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                slots.acquire();
                if (enough.getAsBoolean()) break;
                int k = i;
                Thread t = start(name, () -> {
                    try {
                        task.accept(k);
                    } finally {
                        slots.release();
                    }
                });
                if (t == null) throw new InterruptedException("shutting down");
                started.add(t);
            }
            for (Thread t : started) t.join();
        } catch (InterruptedException e) {
            for (Thread t : started) t.interrupt();
            throw e;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Thread t : running) t.interrupt();
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        try {
            for (Thread t : running) t.join(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
