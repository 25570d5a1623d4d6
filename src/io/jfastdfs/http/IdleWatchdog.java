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
 * Inactivity timeouts (API.md §5.3 item 6, §8.10): a transfer that makes no progress for the
 * configured seconds (one limit while reading, one while writing) is cut — a served request by interrupting its thread (which closes the blocked
 * socket channel), a peer download by closing its stream. Transfers that keep moving are never cut,
 * however long they take.
 */
public final class IdleWatchdog implements AutoCloseable {
    private final Set<Activity> active = ConcurrentHashMap.newKeySet();
    private final LongSupplier readLimitSeconds;
    private final LongSupplier writeLimitSeconds;
    private final Thread reaper;

    public IdleWatchdog(String name, LongSupplier readLimitSeconds, LongSupplier writeLimitSeconds) {
        this.readLimitSeconds = readLimitSeconds;
        this.writeLimitSeconds = writeLimitSeconds;
        this.reaper = Thread.ofPlatform().daemon().name(name).start(this::reap);
    }

    /** Watches an activity; {@code onIdle} runs once if it stalls for longer than the limit. */
    public Activity begin(Runnable onIdle) {
        Activity a = new Activity(onIdle);
        active.add(a);
        return a;
    }

    /** A stream that is closed when it stalls; closing it ends the watch. */
    public InputStream closeWhenIdle(InputStream in) {
        Activity a = begin(() -> closeQuietly(in));
        return new FilterInputStream(a.watch(in)) {
            @Override
            public void close() throws IOException {
                a.close();
                super.close();
            }
        };
    }

    private void reap() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long readLimit = readLimitSeconds.getAsLong() * 1_000_000_000L;
            long writeLimit = writeLimitSeconds.getAsLong() * 1_000_000_000L;
            long now = System.nanoTime();
            for (Activity a : active) {
                if (now - a.last > (a.writing ? writeLimit : readLimit) && !a.cut) {
                    a.cut = true;
                    a.onIdle.run();
                }
            }
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the blocked reader is released; nothing else to do
        }
    }

    /** One transfer's progress marker; its streams touch it on every read and write. */
    public final class Activity implements AutoCloseable {
        private final Runnable onIdle;
        private volatile long last = System.nanoTime();
        private volatile boolean cut;
        /** The last stream call was a write: the answer is going out, so the write limit applies. */
        private volatile boolean writing;
        /** Body bytes through the watched streams (plain fields: one request thread reads and writes them). */
        private long bytesRead;
        private long bytesWritten;
        /** A read or write on a watched stream failed: the peer went away or the transfer was cut. */
        private boolean streamFailed;

        private Activity(Runnable onIdle) {
            this.onIdle = onIdle;
        }

        /** True when the watchdog cut this transfer. */
        public boolean wasCut() {
            return cut;
        }

        public boolean streamFailed() {
            return streamFailed;
        }

        public long bytesRead() {
            return bytesRead;
        }

        public long bytesWritten() {
            return bytesWritten;
        }

        /** Reads touch the activity; a read failing after a cut says it timed out. */
        public InputStream watch(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    writing = false;
                    try {
                        int b = super.read();
                        last = System.nanoTime();
                        if (b >= 0) bytesRead++;
                        return b;
                    } catch (IOException e) {
                        streamFailed = true;
                        throw cut ? timedOut(e) : e;
                    }
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    writing = false;
                    try {
                        int n = super.read(buf, off, len);
                        last = System.nanoTime();
                        if (n > 0) bytesRead += n;
                        return n;
                    } catch (IOException e) {
                        streamFailed = true;
                        throw cut ? timedOut(e) : e;
                    }
                }
            };
        }

        public OutputStream watch(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] buf, int off, int len) throws IOException {
                    writing = true;
                    try {
                        out.write(buf, off, len);
                    } catch (IOException e) {
                        streamFailed = true;
                        throw e;
                    }
                    last = System.nanoTime();
                    bytesWritten += len;
                }

                @Override
                public void write(int b) throws IOException {
                    writing = true;
                    try {
                        out.write(b);
                    } catch (IOException e) {
                        streamFailed = true;
                        throw e;
                    }
                    last = System.nanoTime();
                    bytesWritten++;
                }
            };
        }

        private IOException timedOut(IOException cause) {
            long limit = (writing ? writeLimitSeconds : readLimitSeconds).getAsLong();
            return new IOException("no progress for " + limit + " s", cause);
        }

        @Override
        public void close() {
            active.remove(this);
        }
    }
}
