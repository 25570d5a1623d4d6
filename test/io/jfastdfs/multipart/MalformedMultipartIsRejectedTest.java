package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedMultipartIsRejectedTest {
    private static final String TRUNCATED = "unexpected end of multipart body";
    private static final String DASH = "--" + FormBody.BOUNDARY;
    private static final String CT = new FormBody().contentType();

    /** The message of the MultipartException that reading every part of {@code body} must raise. */
    private static String failure(byte[] body, Limits limits) {
        return assertThrows(MultipartException.class,
                () -> ReadPart.readAll(new ByteArrayInputStream(body), CT, limits, 0)).getMessage();
    }

    private static String failure(String body, Limits limits) {
        return failure(body.getBytes(UTF_8), limits);
    }

    private static String failure(String body) {
        return failure(body, Limits.defaults());
    }

    private static List<ReadPart> parse(String body, Limits limits) throws IOException {
        return ReadPart.readAll(new ByteArrayInputStream(body.getBytes(UTF_8)), CT, limits, 0);
    }

    /** A one-part body with these header lines. */
    private static String part(String... headerLines) {
        return DASH + "\r\n" + String.join("\r\n", headerLines) + "\r\n\r\nv\r\n" + DASH + "--\r\n";
    }

    @Test
    void truncationAtEveryByteIsAnErrorNeverAShortPart() throws IOException {
        byte[] full = new FormBody().field("scene", "pics").file("file", "a.txt", "0123456789\r\n--abc".getBytes(UTF_8))
                .field("output", "json").close();
        int complete = full.length - 2; // the CR LF after "--boundary--" is epilogue
        for (int len = 0; len < complete; len++) {
            byte[] prefix = Arrays.copyOf(full, len);
            assertEquals(TRUNCATED, failure(prefix, Limits.defaults()), "cut at " + len);
            InputStream trickle = new TrickleInputStream(prefix, len);
            assertThrows(MultipartException.class, () -> ReadPart.readAll(trickle, CT, Limits.defaults(), 0));
        }
        assertEquals(3, ReadPart.readAll(Arrays.copyOf(full, complete), CT).size());
    }

    @Test
    void truncatedFileBodyFailsTheBodyStream() throws IOException {
        String body = DASH + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\npartial data";
        Part file = new MultipartReader(new ByteArrayInputStream(body.getBytes(UTF_8)), CT).next();
        assertEquals(TRUNCATED, assertThrows(MultipartException.class, () -> file.body().readAllBytes()).getMessage());
        assertEquals(TRUNCATED, assertThrows(MultipartException.class, () -> file.copyTo((b, o, l) -> { }))
                .getMessage());
    }

    @Test
    void truncatedHeadersAreTruncation() {
        for (String cut : List.of(DASH, DASH + "\r\n", DASH + "\r\nContent-Disposition: form-da",
                DASH + "\r\nContent-Disposition: form-data; name=a\r\n")) {
            assertEquals(TRUNCATED, failure(cut), cut);
        }
    }

    @Test
    void bodyWithoutAnyDelimiterIsTruncated() {
        assertEquals(TRUNCATED, failure(""));
        assertEquals(TRUNCATED, failure("just some text\r\n--other\r\n"));
    }

    @Test
    void headerLineOverTheLimitIsRejected() throws IOException {
        Limits limits = new Limits(100, 32, 1000, 1 << 20);
        String disposition = "Content-Disposition: form-data; name=\"a\"";
        String atLimit = "X-Pad: " + "p".repeat(93);
        assertEquals(100, atLimit.length());
        assertEquals("a", parse(part(disposition, atLimit), limits).get(0).name());
        String tooLong = "multipart header line too long";
        assertEquals(tooLong, failure(part(disposition, atLimit + "p"), limits));
        assertEquals(tooLong, failure(part("X: " + "y".repeat(100_000)), limits));
    }

    @Test
    void tooManyHeadersAreRejected() throws IOException {
        Limits limits = new Limits(8192, 3, 1000, 1 << 20);
        String cd = "Content-Disposition: form-data; name=\"a\"";
        assertEquals(1, parse(part(cd, "X-1: 1", "X-2: 2"), limits).size());
        assertEquals("more than 3 headers in a multipart part",
                failure(part(cd, "X-1: 1", "X-2: 2", "X-3: 3"), limits));
    }

    @Test
    void tooManyPartsAreRejected() throws IOException {
        Limits limits = new Limits(8192, 32, 2, 1 << 20);
        byte[] two = new FormBody().field("a", "1").field("b", "2").close();
        assertEquals(2, ReadPart.readAll(new ByteArrayInputStream(two), CT, limits, 0).size());
        byte[] three = new FormBody().field("a", "1").field("b", "2").field("c", "3").close();
        assertEquals("more than 2 multipart parts", failure(three, limits));
    }

    @Test
    void partsWithoutFormDataDispositionOrNameAreRejected() {
        String malformed = "malformed multipart Content-Disposition";
        assertEquals("multipart part has no Content-Disposition", failure(part("Content-Type: text/plain")));
        assertEquals("multipart part has no name", failure(part("Content-Disposition: form-data; filename=\"a\"")));
        assertEquals("multipart part isn't form-data", failure(part("Content-Disposition: attachment; name=\"a\"")));
        assertEquals(malformed, failure(part("Content-Disposition: form-data; name=\"a")));
        assertEquals(malformed, failure(part("Content-Disposition: form-data; name")));
        assertEquals(malformed, failure(part("Content-Disposition: form-data; name=\"a\"b")));
    }

    @Test
    void garbageHeaderOrBoundaryLinesAreRejected() {
        String badHeader = "malformed multipart header line";
        assertEquals(badHeader, failure(part("this is no header")));
        assertEquals(badHeader, failure(part("Content-Disposition: form-data; name=a", " folded")));
        String badBoundary = "malformed multipart boundary line";
        assertEquals(badBoundary, failure(DASH + " junk\r\nContent-Disposition: form-data; name=a\r\n\r\n"));
        assertEquals(badBoundary, failure(DASH + "\rX\r\n"));
    }

    @Test
    void textFieldOverMaxFieldBytesIsRejected() throws IOException {
        Limits limits = new Limits(8192, 32, 1000, 5);
        byte[] body = new FormBody().field("a", "12345").field("b", "123456").close();
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), CT, limits);
        assertEquals("12345", r.next().text());
        Part b = r.next();
        assertEquals("multipart field \"b\" is longer than 5 bytes",
                assertThrows(MultipartException.class, b::text).getMessage());
    }

    @Test
    void readerStaysFailedAfterAnError() throws IOException {
        byte[] body = part("no colon").getBytes(UTF_8);
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), CT);
        assertThrows(MultipartException.class, r::next);
        assertEquals("multipart body already failed to parse",
                assertThrows(MultipartException.class, r::next).getMessage());
    }
}
