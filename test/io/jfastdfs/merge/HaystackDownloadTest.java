package io.jfastdfs.merge;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A haystack container copied from a go-fastdfs tree (written here by hand, nothing indexed) served
 * by URL alone (API.md §2.6), with merging off as by default.
 */
class HaystackDownloadTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    static final byte[] TEXT = "hello small world".getBytes(StandardCharsets.UTF_8);
    static final byte[] DELETED = "gone".getBytes(StandardCharsets.UTF_8);
    static byte[] png;
    static String textUrl;
    static String pngUrl;
    static String deletedUrl;

    /** Container files/haystack/7/123: "1"+TEXT at 0, "1"+PNG after it, then "0"+zeros (a deleted slot). */
    @BeforeAll
    static void copyGoFastdfsContainer() throws Exception {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        png = out.toByteArray();
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write('1');
        c.writeBytes(TEXT);
        int pngAt = c.size();
        c.write('1');
        c.writeBytes(png);
        int deletedAt = c.size();
        c.write('0');
        c.writeBytes(new byte[DELETED.length]);
        Path container = server.dir().resolve("files/haystack/7/123");
        Files.createDirectories(container.getParent());
        Files.write(container, c.toByteArray());
        Files.setLastModifiedTime(container, FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
        String base = server.url() + "/haystack/7/123,";
        textUrl = base + "0," + (TEXT.length + 1) + ",.txt";
        pngUrl = base + pngAt + "," + (png.length + 1) + ",.png";
        deletedUrl = base + deletedAt + "," + (DELETED.length + 1) + ",.txt";
    }

    @Test
    void slotIsServedByItsUrlAsAnAttachmentWithContainerTime() throws Exception {
        Http.Resp r = Http.get(textUrl);
        assertEquals(200, r.status());
        assertArrayEquals(TEXT, r.body());
        assertEquals(String.valueOf(TEXT.length), r.header("Content-Length"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals("attachment", r.header("Content-Disposition"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("Mon, 06 May 2024 07:08:09 GMT", r.header("Last-Modified"));
        assertNull(r.header("ETag"));
    }

    @Test
    void inlineTypeComesFromTheUrlsExtension() throws Exception {
        Http.Resp r = Http.get(textUrl + "?download=0");
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        assertNull(r.header("Content-Disposition"));
        assertEquals("image/png", Http.get(pngUrl + "?download=0").header("Content-Type"));
    }

    @Test
    void rangeIsRelativeToTheFileNotTheContainer() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=6-10");
        assertEquals(206, r.status());
        assertEquals("small", r.text());
        assertEquals("bytes 6-10/" + TEXT.length, r.header("Content-Range"));
        Http.Resp tail = Http.get(textUrl, "Range", "bytes=-5");
        assertEquals("world", tail.text());
        Http.Resp beyond = Http.get(textUrl, "Range", "bytes=" + TEXT.length + "-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + TEXT.length, beyond.header("Content-Range"));
    }

    @Test
    void ifModifiedSinceTheContainerTimeAnswers304() throws Exception {
        assertEquals(304, Http.get(textUrl, "If-Modified-Since", "Mon, 6 May 2024 07:08:09 GMT").status());
    }

    @Test
    void headAnswersTheHeadersWithoutBody() throws Exception {
        Http.Resp r = Http.head(textUrl);
        assertEquals(200, r.status());
        assertEquals(String.valueOf(TEXT.length), r.header("Content-Length"));
        assertEquals(0, r.body().length);
    }

    @Test
    void nameParameterIsCleanedLikeUploadNames() throws Exception {
        Http.Resp r = Http.get(textUrl + "?name=my%20file-v1%20(2).txt");
        assertEquals("attachment;filename=myfilev12.txt", r.header("Content-Disposition"));
    }

    @Test
    void imageInsideTheContainerIsResized() throws Exception {
        Http.Resp r = Http.get(pngUrl + "?download=0&width=10&height=0");
        assertEquals(200, r.status());
        assertEquals("image/png", r.header("Content-Type"));
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertEquals(10, small.getWidth());
        assertEquals(5, small.getHeight());
        assertArrayEquals(png, Http.get(pngUrl).body());
    }

    @Test
    void deletedSlotIs404WithEmptyBody() throws Exception {
        Http.Resp r = Http.get(deletedUrl);
        assertEquals(404, r.status());
        assertEquals(0, r.body().length);
    }

    @Test
    void slotBeyondTheContainersEndIs404() throws Exception {
        assertEquals(404, Http.get(server.url() + "/haystack/7/123,0,100000,.txt").status());
        assertEquals(404, Http.get(server.url() + "/haystack/7/123,99999,5,.txt").status());
        assertEquals(404, Http.get(server.url() + "/haystack/7/124,0,5,.txt").status());
        assertEquals(404, Http.get(server.url() + "/haystack/8/123,0,5,.txt").status());
    }

    @Test
    void slotWhoseFlagIsNotOneIsNotServed() throws Exception {
        // offset 1 points into TEXT: its first byte 'h' is no flag
        assertEquals(404, Http.get(server.url() + "/haystack/7/123,1,5,.txt").status());
    }

    @Test
    void malformedHaystackUrlsAre404AndNeverServeTheContainer() throws Exception {
        for (String rel : List.of("haystack/7/123", "haystack/7/123,0", "haystack/7/123,-1,5,.txt",
                "haystack/7/123,0,1048577,.txt", "haystack/7/123,0,0,.txt", "haystack/7/123,a,5,.txt",
                "haystack/7/", "haystack/", "haystack", "haystack/7")) {
            Http.Resp r = Http.get(server.url() + "/" + rel);
            assertEquals(404, r.status(), rel);
            assertEquals(0, r.body().length, rel);
        }
    }

    @Test
    void urlWithoutExtensionPartServesTheSameBytes() throws Exception {
        Http.Resp r = Http.get(server.url() + "/haystack/7/123,0," + (TEXT.length + 1));
        assertEquals(200, r.status());
        assertArrayEquals(TEXT, r.body());
        assertTrue(r.header("Content-Type").startsWith("application/octet-stream"));
    }
}
