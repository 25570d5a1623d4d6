package io.jfastdfs.tus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An upload's bytes on disk (files/_big/&lt;peer_id&gt;/&lt;id&gt;.bin): request bodies are written at
 * the upload's offset with positional FileChannel writes and digested in the same pass, so
 * finishing never reads the file again.
 */
final class DataFile {
    private static final int BUFFER = 256 * 1024;
    private static final int EOF = -1;
    private static final int CUT = -2;

    private DataFile() {}

    /** Writing to the disk failed (not the client): nothing of the body was kept. */
    static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Appends {@code body} at {@code offset} (anything beyond it, e.g. left by a crash, is cut
     * first). At most {@code max} bytes are taken; a longer body is refused (413) and nothing kept.
     * A body cut off midway keeps what arrived, unless {@code checksum} is set: then the bytes
     * are kept only when the whole body arrived and matches (else 460, nothing kept). Returns the
     * bytes kept.
     */
    static long receive(Path file, long offset, InputStream body, long max, ResumableDigest digest,
                        ChunkChecksum checksum, boolean fsync) throws WriteFailure {
        try (FileChannel ch = open(file)) {
            truncate(ch, offset);
            Writeback writeback = new Writeback(ch, fsync);
            try {
                long kept = append(ch, offset, body, max, digest, checksum, writeback);
                if (kept > 0) writeback.finish();
                return kept;
            } catch (IOException | RuntimeException e) {
                writeback.settle();
                truncate(ch, offset);
                throw e;
            }
        } catch (IOException e) {
            throw e instanceof WriteFailure w ? w : new WriteFailure(e);
        }
    }

    private static long append(FileChannel ch, long offset, InputStream body, long max, ResumableDigest digest,
                               ChunkChecksum checksum, Writeback writeback) throws WriteFailure {
        byte[] buf = new byte[BUFFER];
        long got = 0;
        while (true) {
            int want = (int) Math.min(buf.length, max - got);
            int n = read(body, buf, Math.max(want, 1));
            if (n < 0) {
                if (checksum == null) return got; // a cut-off body keeps what arrived
                if (n == CUT) {
                    writeback.settle();
                    truncate(ch, offset);
                    return 0;
                }
                if (!checksum.matches()) throw TusError.CHECKSUM_MISMATCH.error();
                return got;
            }
            if (want == 0) throw TusError.SIZE_EXCEEDED.error();
            write(ch, buf, n, offset + got);
            writeback.wrote(n);
            if (digest != null) digest.update(buf, 0, n);
            if (checksum != null) checksum.update(buf, 0, n);
            got += n;
        }
    }

    /**
     * Writes the concatenation of {@code parts} into {@code file} (created new), digesting it;
     * returns the length written.
     */
    static long concatenate(Path file, List<Path> parts, ResumableDigest digest, boolean fsync) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] buf = new byte[BUFFER];
        long pos = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Path part : parts) {
                try (InputStream in = Files.newInputStream(part)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        write(out, buf, n, pos);
                        digest.update(buf, 0, n);
                        pos += n;
                    }
                }
            }
            if (fsync) force(out);
        }
        return pos;
    }

    /** Bytes of the data file, 0 when it does not exist yet. */
    static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Bytes read, {@link #EOF} at the body's end, {@link #CUT} when the connection failed. */
    private static int read(InputStream body, byte[] buf, int len) {
        try {
            int n = body.read(buf, 0, len);
            return n < 0 ? EOF : n;
        } catch (IOException e) {
            return CUT;
        }
    }

    private static FileChannel open(Path file) throws WriteFailure {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private static void write(FileChannel ch, byte[] buf, int n, long pos) throws WriteFailure {
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) ch.write(b, pos + b.position());
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private static void truncate(FileChannel ch, long size) throws WriteFailure {
        try {
            ch.truncate(size);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private static void force(FileChannel ch) throws WriteFailure {
        try {
            ch.force(false);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }
}
