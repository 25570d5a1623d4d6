package io.jfastdfs.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One part of a multipart/form-data body. Its body streams from the request and can be read once,
 * until {@link MultipartReader#next()} moves on; reading a part that {@code next()} skipped unread is a
 * programming error ({@link IllegalStateException}). Not thread-safe.
 */
public final class Part {
    private final MultipartInput input;
    private final int bodySerial;
    private final Map<String, String> headers;
    private final ContentDisposition disposition;
    private final Limits limits;
    private final InputStream body = new BodyStream();
    private boolean ended;

    Part(MultipartInput input, Map<String, String> headers, ContentDisposition disposition, Limits limits) {
        this.input = input;
        this.bodySerial = input.bodySerial();
        this.headers = headers;
        this.disposition = disposition;
        this.limits = limits;
    }

    /** The form field name from Content-Disposition. */
    public String name() {
        return disposition.name();
    }

    /** The file name as sent (filename* decoded); null when absent, "" for {@code filename=""}. */
    public String filename() {
        return disposition.filename();
    }

    /** The part's Content-Type header, or null. */
    public String contentType() {
        return headers.get("content-type");
    }

    /** First value of a part header (name matched case-insensitively), or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName.toLowerCase(Locale.ROOT));
    }

    /**
     * The body as a stream; EOF at the boundary. A request body that ends first makes it throw
     * {@link MultipartException} "unexpected end of multipart body".
     */
    public InputStream body() {
        return body;
    }

    /**
     * Passes the rest of the body to {@code sink} in large chunks straight from the parser's buffer.
     *
     * @return the number of bytes passed
     */
    public long copyTo(ByteChunkSink sink) throws IOException {
        Objects.requireNonNull(sink);
        if (!open()) return 0;
        long n = input.copyBody(sink);
        ended = true;
        return n;
    }

    /** Writes the rest of the body to {@code out}; returns the byte count. */
    public long transferTo(WritableByteChannel out) throws IOException {
        return copyTo(channelSink(out));
    }

    /** As {@link #transferTo(WritableByteChannel)}, showing each chunk to {@code tap} (e.g. a digest) first. */
    public long transferTo(WritableByteChannel out, ByteChunkSink tap) throws IOException {
        ByteChunkSink write = channelSink(out);
        Objects.requireNonNull(tap);
        return copyTo((buf, off, len) -> {
            tap.write(buf, off, len);
            write.write(buf, off, len);
        });
    }

    /** The rest of the body as UTF-8; over {@link Limits#maxFieldBytes()} is a {@link MultipartException}. */
    public String text() throws IOException {
        long max = limits.maxFieldBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copyTo((buf, off, len) -> {
            if (bytes.size() + (long) len > max) {
                throw new MultipartException("multipart field \"" + name() + "\" is longer than " + max + " bytes");
            }
            bytes.write(buf, off, len);
        });
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Part[name=" + name() + ", filename=" + filename() + "]";
    }

    private static ByteChunkSink channelSink(WritableByteChannel out) {
        Objects.requireNonNull(out);
        return (buf, off, len) -> {
            ByteBuffer chunk = ByteBuffer.wrap(buf, off, len);
            while (chunk.hasRemaining()) out.write(chunk);
        };
    }

    /** False once the body is used up; throws if the reader already moved past it. */
    private boolean open() {
        if (ended) return false;
        if (bodySerial != input.bodySerial()) {
            throw new IllegalStateException(
                    "multipart part \"" + name() + "\" was skipped by next() before it was read");
        }
        return true;
    }

    private final class BodyStream extends InputStream {
        @Override
        public int read() throws IOException {
            if (!open()) return -1;
            int b = input.readBodyByte();
            ended = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (!open()) return -1;
            int n = input.readBody(b, off, len);
            ended = n < 0;
            return n;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            Objects.requireNonNull(out);
            return copyTo(out::write);
        }
    }
}
