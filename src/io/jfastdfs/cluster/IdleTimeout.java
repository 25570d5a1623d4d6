package io.jfastdfs.cluster;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Inactivity limit for peer transfers (API.md §5.3 item 6): a body that makes no progress for
 * {@code sync_timeout} seconds is closed, which fails the blocked read. A transfer that keeps
 * moving is never cut, however long it takes.
 */
final class IdleTimeout implements AutoCloseable {
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final LongSupplier limitSeconds;
    private final Thread reaper;

    IdleTimeout(LongSupplier limitSeconds) {
        this.limitSeconds = limitSeconds;
        this.reaper = Thread.ofVirtual().name("peer-idle-timeout").start(this::reap);
    }

    /** The stream, closed by the watchdog when idle too long; closing it stops watching. */
    InputStream watch(InputStream in) {
        Watched w = new Watched(in);
        watched.add(w);
        return w;
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
            for (Watched w : watched) {
                if (now - w.last > limit) w.cut();
            }
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
        for (Watched w : watched) w.cut();
    }

    private final class Watched extends FilterInputStream {
        private volatile long last = System.nanoTime();
        private volatile boolean timedOut;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                last = System.nanoTime();
                return b;
            } catch (IOException e) {
                throw timedOut ? timeout(e) : e;
            }
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                int n = super.read(buf, off, len);
                last = System.nanoTime();
                return n;
            } catch (IOException e) {
                throw timedOut ? timeout(e) : e;
            }
        }

        private IOException timeout(IOException cause) {
            return new IOException("no progress for " + limitSeconds.getAsLong() + " s", cause);
        }

        void cut() {
            timedOut = true;
            try {
                close();
            } catch (IOException ignored) {
                // closing is how the blocked reader is released; nothing else to do
            }
        }

        @Override
        public void close() throws IOException {
            watched.remove(this);
            super.close();
        }
    }
}
