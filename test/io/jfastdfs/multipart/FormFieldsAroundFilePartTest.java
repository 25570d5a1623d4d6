package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormFieldsAroundFilePartTest {
    private static final byte[] CONTENT = "hello\r\nworld\n".getBytes(UTF_8);

    private static MultipartReader reader(FormBody form) throws MultipartException {
        return new MultipartReader(new ByteArrayInputStream(form.close()), form.contentType());
    }

    @Test
    void fieldsBeforeAndAfterTheFilePartAllArrive() throws IOException {
        FormBody form = new FormBody().field("scene", "pics").file("file", "a.txt", CONTENT).field("output", "json");
        MultipartReader r = reader(form);
        Part scene = r.next();
        assertEquals("scene", scene.name());
        assertEquals("pics", scene.text());
        Part file = r.next();
        assertEquals("file", file.name());
        assertEquals("a.txt", file.filename());
        assertEquals("application/octet-stream", file.contentType());
        assertArrayEquals(CONTENT, file.body().readAllBytes());
        Part output = r.next();
        assertEquals("output", output.name());
        assertEquals("json", output.text());
        assertNull(r.next());
        assertNull(r.next(), "stays at the end");
    }

    @Test
    void partWithoutFilenameHasNullFilenameAndEmptyFilenameIsEmpty() throws IOException {
        FormBody form = new FormBody().field("output", "text")
                .part(new byte[0], "Content-Disposition: form-data; name=\"file\"; filename=\"\"");
        List<ReadPart> parts = ReadPart.readAll(form.close(), form.contentType());
        assertNull(parts.get(0).filename());
        assertNull(parts.get(0).contentType());
        assertEquals("", parts.get(1).filename());
    }

    @Test
    void emptyFilePartHasEmptyBody() throws IOException {
        FormBody form = new FormBody().file("file", "empty.bin", new byte[0]).field("after", "x");
        List<ReadPart> parts = ReadPart.readAll(form.close(), form.contentType());
        assertEquals(0, parts.get(0).body().length);
        assertEquals("x", new String(parts.get(1).body(), UTF_8));
    }

    @Test
    void unreadAndHalfReadPartsAreSkippedByNext() throws IOException {
        FormBody form = new FormBody().file("file", "a.txt", CONTENT).file("file2", "b.txt", CONTENT)
                .field("output", "json");
        MultipartReader r = reader(form);
        r.next();
        Part second = r.next();
        assertEquals('h', second.body().read());
        assertEquals("json", r.next().text());
        assertNull(r.next());
    }

    @Test
    void readingAPartThatNextSkippedIsAnError() throws IOException {
        FormBody form = new FormBody().file("file", "a.txt", CONTENT).field("output", "json");
        MultipartReader r = reader(form);
        Part file = r.next();
        r.next();
        assertThrows(IllegalStateException.class, () -> file.body().read());
    }

    @Test
    void fullyReadPartKeepsAnsweringEndOfStream() throws IOException {
        FormBody form = new FormBody().field("a", "1").field("b", "2");
        MultipartReader r = reader(form);
        Part a = r.next();
        assertEquals("1", a.text());
        r.next();
        assertEquals(-1, a.body().read());
        assertEquals("", a.text());
    }

    @Test
    void headerNamesAreCaseInsensitiveAndFirstValueWins() throws IOException {
        FormBody form = new FormBody().part(CONTENT, "content-disposition: form-data; name=file; filename=x.bin",
                "CONTENT-TYPE:image/png", "X-Extra: one", "x-extra: two");
        Part p = reader(form).next();
        assertEquals("file", p.name());
        assertEquals("x.bin", p.filename());
        assertEquals("image/png", p.contentType());
        assertEquals("one", p.header("x-extra"));
        assertEquals("one", p.header("X-Extra"));
        assertNull(p.header("content-length"));
    }

    @Test
    void preambleAndEpilogueAreIgnored() throws IOException {
        FormBody form = new FormBody().raw("This is the preamble.\r\n--not-it\r\n").field("a", "1");
        byte[] body = form.raw("--" + FormBody.BOUNDARY + "--\r\nepilogue --" + FormBody.BOUNDARY + "\r\n").bytes();
        ReadPart p = ReadPart.only(body, form.contentType());
        assertEquals("1", new String(p.body(), UTF_8));
    }

    @Test
    void bodyWithOnlyTheClosingDelimiterHasNoParts() throws IOException {
        FormBody form = new FormBody();
        assertEquals(List.of(), ReadPart.readAll(form.close(), form.contentType()));
    }

    @Test
    void bareLfLinesAndTransportPaddingAreTolerated() throws IOException {
        String b = FormBody.BOUNDARY;
        byte[] body = ("--" + b + " \t\r\nContent-Disposition: form-data; name=\"a\"\n\n1\r\n--" + b + "--")
                .getBytes(UTF_8);
        ReadPart p = ReadPart.only(body, new FormBody().contentType());
        assertEquals("a", p.name());
        assertEquals("1", new String(p.body(), UTF_8));
    }

    @Test
    void transferToWritesTheChannelAndShowsTheTapTheSameBytes() throws IOException, NoSuchAlgorithmException {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        FormBody form = new FormBody().file("file", "big.bin", content).field("md5", "x");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Part file = reader(form).next();
        assertEquals(content.length, file.transferTo(Channels.newChannel(written), md5::update));
        assertArrayEquals(content, written.toByteArray());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)),
                HexFormat.of().formatHex(md5.digest()));
    }

    @Test
    void bodyStreamTransferToCopiesTheWholePart() throws IOException {
        FormBody form = new FormBody().file("file", "a.txt", CONTENT).field("b", "2");
        MultipartReader r = reader(form);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(CONTENT.length, r.next().body().transferTo(out));
        assertArrayEquals(CONTENT, out.toByteArray());
        assertEquals("2", r.next().text());
    }
}
