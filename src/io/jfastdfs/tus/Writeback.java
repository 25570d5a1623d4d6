package io.jfastdfs.tus;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Flushes a data file to disk in the background while a request body is still arriving, so the
 * fsync that must precede the acknowledgement finds little left to write. Measured on a 2-core
 * VM, 1 GiB in 16 MiB PATCHes, alternating runs: median about 205 MB/s without, 230 MB/s with it.
 */
final class Writeback {
    private static final long EVERY = 4L << 20;

    private final FileChannel channel;
    private final boolean enabled;
    private long dirty;
    private Thread running;
    private volatile IOException failure;

    Writeback(FileChannel channel, boolean enabled) {
        this.channel = channel;
        this.enabled = enabled;
    }

    /** Counts written bytes; starts a background flush every few MiB (one at a time). */
    void wrote(int bytes) {
        if (!enabled) return;
        dirty += bytes;
        if (dirty < EVERY || (running != null && running.isAlive())) return;
        dirty = 0;
        running = Thread.ofVirtual().name("tus-writeback").start(() -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                failure = e;
            }
        });
    }

    /** Makes everything written durable (when enabled); throws what a background flush hit. */
    void finish() throws IOException {
        settle();
        if (failure != null) throw failure;
        if (enabled) channel.force(false);
    }

    /** Waits for a background flush, so the channel may be truncated or closed. */
    void settle() {
        Thread t = running;
        if (t == null) return;
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
