package io.jfastdfs.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Background work of the cluster (repairs, read-repair copies, fan-out calls) on virtual threads
 * that shutdown interrupts and waits for, so nothing touches the index after it is closed.
 */
final class Jobs implements AutoCloseable {
    private static final long JOIN_MILLIS = 2_000;

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Starts {@code work}; false once shutdown began. */
    boolean start(String name, Runnable work) {
        if (closed) return false;
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
        return true;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : running) t.interrupt();
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        try {
            for (Thread t : running) t.join(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
