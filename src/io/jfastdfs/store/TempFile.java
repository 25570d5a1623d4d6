package io.jfastdfs.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Upload bytes on their way into the store: written to files/_tmp and digested in the same pass,
 * so no body is ever read twice or held in memory.
 */
public final class TempFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final long limit;
    private long size;
    private String hex;
    private boolean closed;
    /** Moved or linked into the store: its temp name is gone and {@link #discard} has nothing to unlink. */
    private boolean placed;

    TempFile(Path path, String algorithm, long limit) throws IOException {
        this(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), digestFor(algorithm),
                limit);
    }

    private TempFile(Path path, FileChannel channel, MessageDigest digest, long limit) {
        this.path = path;
        this.channel = channel;
        this.digest = digest;
        this.limit = limit;
    }

    /** Bytes already written and digested elsewhere (a finished tus upload): nothing is read again. */
    static TempFile adopt(Path path, long size, String digestHex) throws IOException {
        TempFile t = new TempFile(path, FileChannel.open(path, StandardOpenOption.WRITE), null, 0);
        t.size = size;
        t.hex = digestHex;
        return t;
    }

    private static MessageDigest digestFor(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** Appends and digests; throws {@link TooLargeException} past the size limit. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (hex != null) throw new IllegalStateException("digest already taken");
        if (limit > 0 && size + len > limit) throw new TooLargeException();
        digest.update(b, off, len);
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) channel.write(buf);
        size += len;
    }

    /** Hex digest of everything written; ends writing. */
    public String digestHex() {
        if (hex == null) hex = HexFormat.of().formatHex(digest.digest());
        return hex;
    }

    /** Makes the bytes durable (when asked) and closes the file, ready to be placed. */
    public void finish(boolean fsync) throws IOException {
        if (fsync) channel.force(true);
        close();
    }

    /** Called by {@link FileStore#place} once the bytes are under their stored name. */
    void placed() {
        placed = true;
    }

    /** Removes the temp file; safe to call more than once and after it was placed. */
    public void discard() {
        close();
        if (placed) return;
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // start-up sweeps _tmp, so a leftover is removed then
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file is discarded or already complete
        }
    }

    /** Thrown when a body exceeds max_upload_size. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException() {
            super("file too large");
        }
    }
}
