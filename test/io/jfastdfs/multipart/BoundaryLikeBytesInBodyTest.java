package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundaryLikeBytesInBodyTest {
    private static final String B = FormBody.BOUNDARY;
    /** A 64-byte header line limit lets the reader shrink its buffer to a few hundred bytes. */
    private static final Limits SMALL = new Limits(64, 8, 100, 1 << 20);
    /** Below any minimum: the reader takes the smallest buffer its limits allow. */
    private static final int SMALL_BUFFER = 1;

    /**
     * Parses {@code file} framed by a field on each side through a tiny buffer, once with full reads
     * (the buffer fills to its end) and once trickled (1..7 bytes arrive per read).
     */
    private static void assertRoundTrip(byte[] file, String boundary, long seed) throws IOException {
        FormBody form = new FormBody(boundary).field("before", "1").file("file", "f.bin", file).field("after", "2");
        byte[] body = form.close();
        for (InputStream in : List.of(new ByteArrayInputStream(body), new TrickleInputStream(body, seed))) {
            List<ReadPart> parts = ReadPart.readAll(in, form.contentType(), SMALL, SMALL_BUFFER);
            assertEquals(3, parts.size());
            assertEquals("1", new String(parts.get(0).body(), UTF_8));
            assertArrayEquals(file, parts.get(1).body(), () -> "seed " + seed + " body " + Arrays.toString(file));
            assertEquals("2", new String(parts.get(2).body(), UTF_8));
        }
    }

    @Test
    void dashBoundaryWithoutCrLfBeforeItIsBodyData() throws IOException {
        assertRoundTrip(("x--" + B + "\r\ny\n--" + B + "\r\n\r--" + B + "--\r\n").getBytes(UTF_8), B, 1);
        assertRoundTrip(("--" + B + "X starts the body").getBytes(UTF_8), B, 1);
    }

    @Test
    void dashBoundaryOpeningAPartBodyEndsItEmptyAsInGo() throws IOException {
        String empty = "--" + B + "\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n";
        byte[] body = (empty + empty + "--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + empty + "--" + B + "--").getBytes(UTF_8);
        List<ReadPart> parts = ReadPart.readAll(body, new FormBody().contentType());
        assertEquals(List.of("empty", "empty", "a", "empty"), parts.stream().map(ReadPart::name).toList());
        assertEquals(List.of(0, 0, 1, 0), parts.stream().map(p -> p.body().length).toList());
    }

    @Test
    void longerBoundaryLookalikeIsBodyData() throws IOException {
        assertRoundTrip(("a\r\n--" + B + "X\r\n\r\n--" + B + "-x\r\n--" + B + "0").getBytes(UTF_8), B, 2);
    }

    @Test
    void everyProperPrefixOfTheDelimiterIsBodyData() throws IOException {
        String delimiter = "\r\n--" + B;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int len = 1; len < delimiter.length(); len++) {
            file.writeBytes((delimiter.substring(0, len) + "x").getBytes(UTF_8));
        }
        file.writeBytes(delimiter.substring(0, delimiter.length() - 1).getBytes(UTF_8));
        assertRoundTrip(file.toByteArray(), B, 3);
    }

    @Test
    void delimiterLandsAtEveryBufferOffset() throws IOException {
        byte[] pattern = ("\r\n-" + B.substring(0, 10) + "\r").getBytes(UTF_8);
        for (int size = 0; size < 600; size++) {
            byte[] file = new byte[size];
            for (int i = 0; i < size; i++) file[i] = pattern[i % pattern.length];
            assertRoundTrip(file, B, size);
        }
    }

    @Test
    void randomBodiesFromDelimiterBytesRoundTrip() throws IOException {
        String boundary = "ab";
        byte[] alphabet = "\r\n-abx ".getBytes(UTF_8);
        Random random = new Random(42);
        int checked = 0;
        while (checked < 3000) {
            byte[] file = new byte[random.nextInt(200)];
            for (int i = 0; i < file.length; i++) file[i] = alphabet[random.nextInt(alphabet.length)];
            // Bodies holding a real delimiter cannot be framed at all; lookalikes are kept. The CR LF
            // that ends the headers counts, as a body opening with "--ab" is empty (Go's rule).
            String framed = "\r\n" + new String(file, UTF_8) + "\r\n--ab\r\n";
            if (!firstRealDelimiterIsAt(framed, 2 + file.length)) continue;
            assertRoundTrip(file, boundary, checked++);
        }
    }

    /** True if the first delimiter of boundary "ab" that Go's rules accept starts at {@code at}. */
    private static boolean firstRealDelimiterIsAt(String framed, int at) {
        for (int i = framed.indexOf("\r\n--ab"); i >= 0; i = framed.indexOf("\r\n--ab", i + 1)) {
            String after = framed.substring(i + 6);
            if (after.startsWith("--") || (!after.isEmpty() && " \t\r\n".indexOf(after.charAt(0)) >= 0)) return i == at;
        }
        return false;
    }

    @Test
    void largeBinaryBodyWithPlantedLookalikesRoundTripsThroughDefaultBuffer() throws IOException {
        byte[] file = new byte[1 << 20];
        new Random(5).nextBytes(file);
        byte[] lookalike = ("\r\n--" + B + "Z").getBytes(UTF_8);
        for (int at = 0; at + lookalike.length < file.length; at += 65_531) {
            System.arraycopy(lookalike, 0, file, at, lookalike.length);
        }
        FormBody form = new FormBody().file("file", "f.bin", file);
        assertArrayEquals(file, ReadPart.only(form.close(), form.contentType()).body());
        List<ReadPart> trickled = ReadPart.readAll(new TrickleInputStream(form.bytes(), 9), form.contentType(),
                Limits.defaults(), SMALL_BUFFER);
        assertArrayEquals(file, trickled.get(0).body());
    }
}
