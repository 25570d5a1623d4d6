package io.jfastdfs.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the parts of a multipart/form-data request body (RFC 7578) one at a time, in constant memory.
 * Preamble and epilogue are ignored; part headers end in CR LF (a bare LF is tolerated) and are UTF-8.
 * Not thread-safe.
 */
public final class MultipartReader {
    private static final String NOT_MULTIPART = "request Content-Type isn't multipart/form-data";
    private static final String NO_BOUNDARY = "no multipart boundary param in Content-Type";
    /** RFC 2046 §5.1.1. */
    private static final int MAX_BOUNDARY = 70;
    /** Buffer room beyond the longest line; also more than the longest delimiter (74) needs. */
    private static final int LINE_SLACK = 128;

    private final MultipartInput input;
    private final Limits limits;
    private int parts;
    private boolean closed;
    /** After a failure the position within the body is unknown; every later call fails too. */
    private boolean failed;

    /** @param contentType the request's Content-Type header value */
    public MultipartReader(InputStream body, String contentType) throws MultipartException {
        this(body, contentType, Limits.defaults());
    }

    public MultipartReader(InputStream body, String contentType, Limits limits) throws MultipartException {
        this(body, contentType, limits, MultipartInput.DEFAULT_BUFFER);
    }

    /** Tests pick small buffers to put delimiters across buffer refills. */
    MultipartReader(InputStream body, String contentType, Limits limits, int bufferSize) throws MultipartException {
        Objects.requireNonNull(body);
        this.limits = Objects.requireNonNull(limits);
        this.input = new MultipartInput(body, boundaryOf(contentType),
                Math.max(bufferSize, limits.maxHeaderLine() + LINE_SLACK));
    }

    /**
     * The next part, or null after the closing boundary. Skips whatever the caller left unread of the
     * previous part (or the preamble).
     *
     * @throws MultipartException on truncated, malformed or over-limit input
     */
    public Part next() throws IOException {
        if (failed) throw new MultipartException("multipart body already failed to parse");
        if (closed) return null;
        try {
            return readNext();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private Part readNext() throws IOException {
        input.skipBody();
        if (input.consumeDelimiter(limits.maxHeaderLine())) {
            closed = true;
            return null;
        }
        if (++parts > limits.maxParts()) {
            throw new MultipartException("more than " + limits.maxParts() + " multipart parts");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) throw new MultipartException("multipart part has no Content-Disposition");
        ContentDisposition parsed = ContentDisposition.parse(disposition);
        input.beginBody();
        return new Part(input, headers, parsed, limits);
    }

    /** Header lines up to the blank line, as lower-cased name → first value. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = input.readLine(limits.maxHeaderLine(), "multipart header line too long");
            if (line.isEmpty()) return Collections.unmodifiableMap(headers);
            if (count == limits.maxHeadersPerPart()) {
                throw new MultipartException(
                        "more than " + limits.maxHeadersPerPart() + " headers in a multipart part");
            }
            int colon = line.indexOf(':');
            // A leading blank would be obsolete line folding, which form-data never uses.
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new MultipartException("malformed multipart header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.putIfAbsent(name, line.substring(colon + 1).trim());
        }
    }

    private static String boundaryOf(String contentType) throws MultipartException {
        if (contentType == null
                || !ParameterizedValue.leadingValue(contentType).equalsIgnoreCase("multipart/form-data")) {
            throw new MultipartException(NOT_MULTIPART);
        }
        String boundary = ParameterizedValue.parse(contentType, NO_BOUNDARY).params().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new MultipartException(NO_BOUNDARY);
        }
        return boundary;
    }
}
