package io.jfastdfs.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Serves the bytes of a file, or of a slice of a container file, with the download semantics of
 * API.md §2.3: Range (206/416), If-Modified-Since/If-None-Match (304), If-Range, Last-Modified,
 * ETag and exact Content-Length. Small files are read in one go; big ones are streamed.
 */
public final class FileReply {
    private static final int SMALL = 64 * 1024;
    private static final int CHUNK = 256 * 1024;

    private FileReply() {}

    /** Makes the reply of {@code len} content bytes from {@code start} (200 or 206). */
    private interface Slice {
        Reply reply(int status, long start, long len) throws IOException;
    }

    /**
     * @param offset start of the content inside {@code file}; {@code size} its length
     * @param mtimeSeconds Last-Modified value; {@code etag} quoted or null
     */
    public static Reply of(Request req, Path file, long offset, long size, long mtimeSeconds, String etag,
                           String contentType) throws IOException {
        return of(req, size, mtimeSeconds, etag, contentType, (status, start, len) -> {
            if (len <= SMALL) return Reply.bytes(status, null, readSmall(file, offset + start, (int) len));
            return Reply.stream(status, len, out -> copy(file, offset + start, len, out));
        });
    }

    /** Bytes made for this request (a resized image), with the same Range and Last-Modified semantics. */
    public static Reply of(Request req, byte[] data, long mtimeSeconds, String contentType) throws IOException {
        return of(req, data.length, mtimeSeconds, null, contentType, (status, start, len) ->
                Reply.bytes(status, null, Arrays.copyOfRange(data, (int) start, (int) (start + len))));
    }

    private static Reply of(Request req, long size, long mtimeSeconds, String etag, String contentType, Slice slice)
            throws IOException {
        String lastModified = HttpDates.formatSeconds(mtimeSeconds);
        if (notModified(req, etag, mtimeSeconds)) {
            return withCommon(Reply.empty(304), lastModified, etag);
        }
        ByteRange range = ByteRange.parse(req.header("Range"), size);
        if (range != ByteRange.NONE && !ifRangeMatches(req.header("If-Range"), etag, lastModified)) {
            range = ByteRange.NONE;
        }
        if (range == ByteRange.UNSATISFIABLE) {
            return withCommon(Reply.empty(416), lastModified, etag).header("Content-Range", "bytes */" + size);
        }
        long start = range == ByteRange.NONE ? 0 : range.start();
        long len = range == ByteRange.NONE ? size : range.length();
        int status = range == ByteRange.NONE ? 200 : 206;
        Reply r = req.method().equals("HEAD") ? Reply.stream(status, len, out -> { }) : slice.reply(status, start, len);
        if (status == 206) r.header("Content-Range", "bytes " + start + "-" + (start + len - 1) + "/" + size);
        r.header("Content-Type", contentType);
        return withCommon(r, lastModified, etag);
    }

    /** The first bytes of the content, for sniffing the type. */
    static int head(Path file, long offset, long size, byte[] into) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(into, 0, (int) Math.min(into.length, size));
            int n = 0;
            while (b.hasRemaining()) {
                int r = ch.read(b, offset + n);
                if (r < 0) break;
                n += r;
            }
            return n;
        }
    }

    private static Reply withCommon(Reply r, String lastModified, String etag) {
        r.header("Accept-Ranges", "bytes").header("Last-Modified", lastModified)
                .header("X-Content-Type-Options", "nosniff");
        if (etag != null) r.header("ETag", etag);
        return r;
    }

    private static boolean notModified(Request req, String etag, long mtime) {
        String inm = req.header("If-None-Match");
        if (!inm.isEmpty()) return etag != null && (inm.equals("*") || inm.contains(etag));
        String ims = req.header("If-Modified-Since");
        if (ims.isEmpty()) return false;
        java.util.OptionalLong since = HttpDates.parseSeconds(ims);
        return since.isPresent() && mtime <= since.getAsLong();
    }

    private static boolean ifRangeMatches(String ifRange, String etag, String lastModified) {
        if (ifRange.isEmpty()) return true;
        return ifRange.equals(etag) || ifRange.equals(lastModified);
    }

    private static byte[] readSmall(Path file, long pos, int len) throws IOException {
        byte[] data = new byte[len];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                int r = ch.read(b, pos + b.position());
                if (r < 0) throw new IOException("file shrank while being served");
            }
        }
        return data;
    }

    private static void copy(Path file, long pos, long len, OutputStream out) throws IOException {
        byte[] buf = new byte[CHUNK];
        ByteBuffer b = ByteBuffer.wrap(buf);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            while (done < len) {
                b.clear().limit((int) Math.min(CHUNK, len - done));
                int r = ch.read(b, pos + done);
                if (r < 0) throw new IOException("file shrank while being served");
                out.write(buf, 0, r);
                done += r;
            }
        }
    }
}
