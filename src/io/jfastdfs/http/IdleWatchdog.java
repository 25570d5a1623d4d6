package io.jfastdfs.http;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Inactivity timeouts (API.md §8.10): a request whose body or answer makes no progress for the
 * configured seconds is cut by interrupting its thread, which closes the blocked socket channel.
 * Transfers that keep moving are never cut, however long they take.
 */
public final class IdleWatchdog implements AutoCloseable {
    private final Set<Activity> active = ConcurrentHashMap.newKeySet();
    private final LongSupplier limitSeconds;
    private final Thread reaper;

    public IdleWatchdog(LongSupplier limitSeconds) {
        this.limitSeconds = limitSeconds;
        this.reaper = Thread.ofPlatform().daemon().name("idle-watchdog").start(this::reap);
    }

    /** Tracks the calling thread's request until {@link Activity#close()}. */
    public Activity begin() {
        Activity a = new Activity(Thread.currentThread());
        active.add(a);
        return a;
    }

    private void reap() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long limit = limitSeconds.getAsLong() * 1_000_000_000L;
            long now = System.nanoTime();
            for (Activity a : active) {
                if (now - a.last > limit && !a.cut) {
                    a.cut = true;
                    a.thread.interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
    }

    /** One request's progress marker; its streams touch it on every read and write. */
    public final class Activity implements AutoCloseable {
        private final Thread thread;
        private volatile long last = System.nanoTime();
        private volatile boolean cut;

        private Activity(Thread thread) {
            this.thread = thread;
        }

        /** True when the watchdog cut this request. */
        public boolean wasCut() {
            return cut;
        }

        public InputStream watch(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    last = System.nanoTime();
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    last = System.nanoTime();
                    return n;
                }
            };
        }

        public OutputStream watch(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] buf, int off, int len) throws IOException {
                    out.write(buf, off, len);
                    last = System.nanoTime();
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    last = System.nanoTime();
                }
            };
        }

        @Override
        public void close() {
            active.remove(this);
            if (cut) Thread.interrupted(); // clear a late interrupt before the thread is reused
        }
    }
}
