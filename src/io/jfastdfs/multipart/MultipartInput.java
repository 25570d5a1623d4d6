package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;

/**
 * The request body behind one fixed buffer, read either as lines (boundary and header lines) or as a
 * body that runs up to the next delimiter {@code CR LF "--" boundary}. Body bytes are handed out only
 * once no delimiter can start among them, so a delimiter split across reads is never mistaken for data.
 */
final class MultipartInput {
    static final int DEFAULT_BUFFER = 128 * 1024;
    private static final String TRUNCATED = "unexpected end of multipart body";

    private final InputStream in;
    private final DelimiterSearch delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** Body mode: {@code [pos, bodyEnd)} is body; no delimiter starts before {@code searchFrom}. */
    private int bodyEnd;
    private int searchFrom;
    private boolean atDelimiter;
    /** Where the delimiter that ends the body starts; it may precede the body by its headers' CR LF. */
    private int delimiterAt;
    /** Counts bodies left behind, so a {@link Part} can tell that the reader moved past it. */
    private int bodySerial;

    /**
     * {@code boundary} is ASCII. {@code bufferSize} must exceed both the longest line read and the
     * delimiter by more than 4 bytes (2 kept before a body, CR or look-ahead after).
     */
    MultipartInput(InputStream in, String boundary, int bufferSize) {
        this.in = in;
        this.delimiter = new DelimiterSearch(("\r\n--" + boundary).getBytes(ISO_8859_1));
        this.buf = new byte[bufferSize];
        // The first delimiter may open the body without a line break before it: the preamble starts
        // after a virtual CR LF, which beginBody() lets the search see.
        buf[0] = '\r';
        buf[1] = '\n';
        pos = lim = 2;
        beginBody();
    }

    int bodySerial() {
        return bodySerial;
    }

    /**
     * Starts a body (the preamble, then each part) at the current position. When a CR LF ends the
     * headers, the search starts on it, so "--boundary" right away ends an empty body: some clients omit
     * that body's own CR LF, and Go's mime/multipart accepts it.
     */
    void beginBody() {
        bodyEnd = pos;
        searchFrom = pos >= 2 && buf[pos - 2] == '\r' && buf[pos - 1] == '\n' ? pos - 2 : pos;
        atDelimiter = false;
    }

    /** Body bytes ready at {@code pos} without blocking again; 0 once the delimiter is reached. */
    private int bodyReady() throws IOException {
        while (pos == bodyEnd && !atDelimiter) locateDelimiter();
        return bodyEnd - pos;
    }

    private void locateDelimiter() throws IOException {
        int at = delimiter.find(buf, searchFrom, lim);
        int verdict = at < 0 ? 0 : delimiterVerdict(at + delimiter.length());
        if (verdict > 0) {
            delimiterAt = at;
            bodyEnd = Math.max(at, pos);
            atDelimiter = true;
        } else if (verdict < 0) {
            searchFrom = at + 1;
            bodyEnd = Math.max(searchFrom, pos);
        } else {
            // A delimiter may start at `at` or in the last length-1 bytes: hold them back until more arrive.
            searchFrom = at >= 0 ? at : Math.max(searchFrom, lim - delimiter.length() + 1);
            bodyEnd = Math.max(searchFrom, pos);
            if (bodyEnd == pos) fill();
        }
    }

    /**
     * What follows a pattern match decides whether it is a delimiter (as Go's mime/multipart): "--",
     * blanks or a line end make one; anything else ("--boundaryX") is body data. 0 = not yet known.
     */
    private int delimiterVerdict(int after) {
        if (after >= lim) return 0;
        byte c = buf[after];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (c != '-') return -1;
        if (after + 1 >= lim) return 0;
        return buf[after + 1] == '-' ? 1 : -1;
    }

    /** Like {@link InputStream#read(byte[], int, int)} over the current body; {@code len > 0}. */
    int readBody(byte[] b, int off, int len) throws IOException {
        int n = Math.min(bodyReady(), len);
        if (n == 0) return -1;
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    int readBodyByte() throws IOException {
        return bodyReady() == 0 ? -1 : buf[pos++] & 0xff;
    }

    /** Feeds the rest of the current body to {@code sink} in buffer-sized chunks; returns the byte count. */
    long copyBody(ByteChunkSink sink) throws IOException {
        long total = 0;
        for (int n; (n = bodyReady()) > 0; total += n) {
            sink.write(buf, pos, n);
            pos += n;
        }
        return total;
    }

    /** Leaves the current body: skips what is unread and retires its {@link Part}. */
    void skipBody() throws IOException {
        bodySerial++;
        for (int n; (n = bodyReady()) > 0; ) pos += n;
    }

    /**
     * Steps over the delimiter that ended the body just skipped and the rest of its line.
     *
     * @return true for the closing delimiter ({@code --boundary--}); what follows it is epilogue
     */
    boolean consumeDelimiter(int maxLine) throws IOException {
        pos = delimiterAt + delimiter.length();
        if (buf[pos] == '-') { // the verdict saw "--"
            pos += 2;
            return true;
        }
        String padding = readLine(maxLine, "multipart boundary line too long");
        if (!padding.chars().allMatch(c -> c == ' ' || c == '\t')) {
            throw new MultipartException("malformed multipart boundary line");
        }
        return false;
    }

    /** Next line without its CR LF (a bare LF also ends it), decoded as UTF-8. */
    String readLine(int maxLength, String tooLongMessage) throws IOException {
        int from = pos;
        while (true) {
            int nl = indexOfLf(from);
            if (nl >= 0) {
                int end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                if (end - pos > maxLength) throw new MultipartException(tooLongMessage);
                String line = new String(buf, pos, end - pos, UTF_8);
                pos = nl + 1;
                return line;
            }
            int scanned = lim - pos;
            if (scanned > maxLength + 1) throw new MultipartException(tooLongMessage);
            fill();
            from = pos + scanned;
        }
    }

    private int indexOfLf(int from) {
        for (int i = from; i < lim; i++) {
            if (buf[i] == '\n') return i;
        }
        return -1;
    }

    /** Appends input after the unconsumed bytes; a request body that ends while more is needed is truncated. */
    private void fill() throws IOException {
        // Two bytes before pos survive: a body's search may start on the CR LF that ended its headers.
        int keepFrom = Math.max(0, pos - 2);
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, lim - keepFrom);
            lim -= keepFrom;
            pos -= keepFrom;
            bodyEnd -= keepFrom;
            searchFrom -= keepFrom;
            delimiterAt -= keepFrom;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) throw new MultipartException(TRUNCATED);
        lim += n;
    }
}
