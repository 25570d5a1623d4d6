package io.jfastdfs.merge;

import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One container file of merged small files. Writes are serialised by a lock held only for the
 * write itself; durability is a group fsync outside that lock: each write gets a sequence number,
 * and one fsync covers every write numbered before it started, so concurrent appends share it.
 */
final class Volume implements AutoCloseable {
    static final byte LIVE = '1';
    static final byte DELETED = '0';
    /** A slot whose bytes have not arrived yet (a replica extended the container past it). */
    static final byte ABSENT = 0;
    private static final int ZEROS = 64 * 1024;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private FileChannel channel;
    private long end;
    private volatile long written;
    private volatile long synced;

    Volume(Path file) {
        this.file = file;
    }

    /** Where an append landed, and the write to {@link #sync} to make it durable. */
    record Appended(long offset, long seq) {}

    /**
     * Appends the flag byte '1' and {@code size} bytes of {@code content} at the end, unless that
     * would grow the container past {@code cap} (then null). Not yet durable: see {@link #sync}.
     */
    Appended append(Path content, long size, long cap, boolean fsyncNew) throws IOException {
        try (FileChannel src = FileChannel.open(content, StandardOpenOption.READ)) {
            writeLock.lock();
            try {
                FileChannel ch = open(fsyncNew);
                long pos = end;
                if (pos + 1 + size > cap) return null;
                try {
                    writeByte(ch, LIVE, pos);
                    copy(src, ch, pos + 1, size);
                } catch (IOException e) {
                    ch.truncate(pos); // nothing after pos: the lock is still held
                    throw e;
                }
                end = pos + 1 + size;
                return new Appended(pos, ++written);
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * A replica's slot: the content first, made durable, then the flag, so no reader and no crash
     * ever sees '1' in front of bytes that are not there yet.
     */
    void put(long offset, Path content, long size, boolean fsync) throws IOException {
        long seq;
        try (FileChannel src = FileChannel.open(content, StandardOpenOption.READ)) {
            writeLock.lock();
            try {
                FileChannel ch = open(fsync);
                if (ch.size() <= offset) writeByte(ch, ABSENT, offset); // extend up to the slot
                copy(src, ch, offset + 1, size);
                end = Math.max(end, ch.size());
                seq = ++written;
            } finally {
                writeLock.unlock();
            }
        }
        if (fsync) sync(seq);
        seq = flag(offset, LIVE);
        if (fsync) sync(seq);
    }

    /**
     * Marks the slot deleted ('0') and zeroes its content (only what the container holds; it never
     * grows). False when the container ends before the slot.
     */
    boolean erase(long offset, long length, boolean fsync) throws IOException {
        long seq;
        writeLock.lock();
        try {
            FileChannel ch = open(false);
            long size = ch.size();
            if (size <= offset) return false;
            writeByte(ch, DELETED, offset);
            ByteBuffer zeros = ByteBuffer.allocate(ZEROS);
            long stop = Math.min(size, offset + length);
            for (long p = offset + 1; p < stop; ) {
                zeros.clear().limit((int) Math.min(ZEROS, stop - p));
                p += ch.write(zeros, p);
            }
            seq = ++written;
        } finally {
            writeLock.unlock();
        }
        if (fsync) sync(seq);
        return true;
    }

    /** Makes write {@code seq} (and all before it) durable; one fsync serves every caller waiting. */
    void sync(long seq) throws IOException {
        if (synced >= seq) return;
        syncLock.lock();
        try {
            if (synced >= seq) return;
            long target = written; // every write numbered up to here has completed
            FileChannel ch;
            writeLock.lock();
            try {
                ch = open(false);
            } finally {
                writeLock.unlock();
            }
            ch.force(false);
            synced = target;
        } finally {
            syncLock.unlock();
        }
    }

    private long flag(long offset, byte value) throws IOException {
        writeLock.lock();
        try {
            writeByte(open(false), value, offset);
            return ++written;
        } finally {
            writeLock.unlock();
        }
    }

    /** Opens (creating) the container on first use; a new file's directory entry is made durable. */
    private FileChannel open(boolean fsyncNew) throws IOException {
        if (channel != null) return channel;
        Path dir = file.getParent();
        boolean created = !Files.exists(file);
        if (created) Files.createDirectories(dir);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        end = channel.size();
        if (created && fsyncNew) { // files/haystack/<peer_id>/<n>: the three directories may all be new
            FileStore.fsyncDir(dir);
            FileStore.fsyncDir(dir.getParent());
            FileStore.fsyncDir(dir.getParent().getParent());
        }
        return channel;
    }

    private static void writeByte(FileChannel ch, byte b, long pos) throws IOException {
        ByteBuffer one = ByteBuffer.wrap(new byte[] {b});
        while (one.hasRemaining()) ch.write(one, pos);
    }

    private static void copy(FileChannel src, FileChannel dst, long pos, long size) throws IOException {
        long done = 0;
        while (done < size) {
            long n = dst.transferFrom(src, pos + done, size - done);
            if (n <= 0) throw new IOException("content ended after " + done + " of " + size + " bytes");
            done += n;
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // every acknowledged write was fsync'ed already; nothing is lost by a failed close
        } finally {
            channel = null;
            writeLock.unlock();
        }
    }
}
