package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Downloads of API.md §2.3: headers, every Range form, HEAD, disposition and content types. */
class DownloadTest {
    static final byte[] TEXT = "hello jfastdfs, range me 1234".getBytes(StandardCharsets.UTF_8);
    static TestServer server;
    static String textUrl;
    static byte[] big;
    static String bigUrl;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        textUrl = server.url() + "/dl/r.txt";
        Replies.upload(server.url(), "r.txt", TEXT, Map.of("path", "dl"));
        big = new byte[300_000];
        new Random(7).nextBytes(big);
        Replies.upload(server.url(), "big.bin", big, Map.of("path", "dl"));
        bigUrl = server.url() + "/dl/big.bin";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void plainDownloadIsAnAttachmentWithExactLengthAndCommonHeaders() throws Exception {
        Http.Resp r = Http.get(textUrl);
        assertEquals(200, r.status());
        assertArrayEquals(TEXT, r.body());
        assertEquals(String.valueOf(TEXT.length), r.header("Content-Length"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals("attachment", r.header("Content-Disposition"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("\"" + Files2.md5(TEXT) + "\"", r.header("ETag"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertNotNull(r.header("Last-Modified"));
        assertNotNull(r.header("Date"));
    }

    @Test
    void nameAndDownloadFlagSetTheDisposition() throws Exception {
        assertEquals("attachment;filename=r.txt", Http.get(textUrl + "?name=r.txt&download=1").header("Content-Disposition"));
        assertEquals("attachment;filename=r.txt", Http.get(textUrl + "?name=r.txt&download=yes").header("Content-Disposition"));
        Http.Resp inline = Http.get(textUrl + "?name=r.txt&download=0");
        assertNull(inline.header("Content-Disposition"));
        assertEquals("text/plain; charset=utf-8", inline.header("Content-Type"));
        assertArrayEquals(TEXT, inline.body());
    }

    @Test
    void nonAsciiNameGetsAnAsciiFallbackAndAnRfc5987Filename() throws Exception {
        Http.Resp r = Http.get(textUrl + "?name=%E6%8A%A5%E5%91%8A%20%F0%9F%98%80.txt&download=1");
        assertEquals("attachment;filename=\"__ _.txt\";filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%F0%9F%98%80.txt",
                r.header("Content-Disposition"));
        Http.Resp quote = Http.get(textUrl + "?name=a%22b%3Bc.txt&download=1");
        assertEquals("attachment;filename=\"a_b;c.txt\";filename*=UTF-8''a%22b%3Bc.txt", quote.header("Content-Disposition"));
    }

    @Test
    void inlineContentTypeFollowsTheExtensionElseTheContent() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        Replies.upload(server.url(), "pic.jpg", "not really a jpeg".getBytes(StandardCharsets.UTF_8), Map.of("path", "ct"));
        Replies.upload(server.url(), "data.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.of("path", "ct"));
        Replies.upload(server.url(), "noext", png, Map.of("path", "ct"));
        Replies.upload(server.url(), "blob.zzz", new byte[] {0, 1, 2, 3, 4}, Map.of("path", "ct"));
        assertEquals("image/jpeg", Http.get(server.url() + "/ct/pic.jpg?download=0").header("Content-Type"));
        assertEquals("application/json", Http.get(server.url() + "/ct/data.json?download=0").header("Content-Type"));
        assertEquals("image/png", Http.get(server.url() + "/ct/noext?download=0").header("Content-Type"));
        assertEquals("application/octet-stream", Http.get(server.url() + "/ct/blob.zzz?download=0").header("Content-Type"));
    }

    @Test
    void closedRangeIsServedWith206AndContentRange() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=0-4");
        assertEquals(206, r.status());
        assertEquals("bytes 0-4/29", r.header("Content-Range"));
        assertEquals("5", r.header("Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(TEXT, 0, 5), r.body());
    }

    @Test
    void openEndedRangeRunsToTheEnd() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=10-");
        assertEquals(206, r.status());
        assertEquals("bytes 10-28/29", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(TEXT, 10, 29), r.body());
    }

    @Test
    void suffixRangeServesTheLastBytes() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=-4");
        assertEquals(206, r.status());
        assertEquals("bytes 25-28/29", r.header("Content-Range"));
        assertArrayEquals("1234".getBytes(StandardCharsets.UTF_8), r.body());
        Http.Resp all = Http.get(textUrl, "Range", "bytes=-100");
        assertEquals("bytes 0-28/29", all.header("Content-Range"));
        assertArrayEquals(TEXT, all.body());
    }

    @Test
    void rangeEndPastTheSizeIsClamped() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=20-1000");
        assertEquals(206, r.status());
        assertEquals("bytes 20-28/29", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(TEXT, 20, 29), r.body());
    }

    @Test
    void rangeStartingPastTheEndIs416WithTheSize() throws Exception {
        Http.Resp r = Http.get(textUrl, "Range", "bytes=29-");
        assertEquals(416, r.status());
        assertEquals("bytes */29", r.header("Content-Range"));
        assertEquals(0, r.body().length);
        assertEquals(416, Http.get(textUrl, "Range", "bytes=-0").status());
    }

    @Test
    void severalRangesOrGarbageGetTheFullBody() throws Exception {
        for (String h : new String[] {"bytes=0-1,3-4", "items=0-3", "bytes=abc", "bytes=5-2"}) {
            Http.Resp r = Http.get(textUrl, "Range", h);
            assertEquals(200, r.status(), h);
            assertArrayEquals(TEXT, r.body(), h);
        }
    }

    @Test
    void rangeOfALargeFileIsStreamedExactly() throws Exception {
        Http.Resp r = Http.get(bigUrl, "Range", "bytes=100000-250000");
        assertEquals(206, r.status());
        assertEquals("bytes 100000-250000/300000", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 100000, 250001), r.body());
        assertArrayEquals(big, Http.get(bigUrl).body());
    }

    @Test
    void ifRangeWithTheEtagKeepsTheRangeAndAStaleOneSendsEverything() throws Exception {
        String etag = "\"" + Files2.md5(TEXT) + "\"";
        assertEquals(206, Http.get(textUrl, "Range", "bytes=0-1", "If-Range", etag).status());
        Http.Resp stale = Http.get(textUrl, "Range", "bytes=0-1", "If-Range", "\"0000\"");
        assertEquals(200, stale.status());
        assertArrayEquals(TEXT, stale.body());
    }

    @Test
    void conditionalRequestsAnswer304() throws Exception {
        String lastModified = Http.get(textUrl).header("Last-Modified");
        assertEquals(304, Http.get(textUrl, "If-Modified-Since", lastModified).status());
        assertEquals(304, Http.get(textUrl, "If-None-Match", "\"" + Files2.md5(TEXT) + "\"").status());
        assertEquals(200, Http.get(textUrl, "If-None-Match", "\"other\"").status());
    }

    @Test
    void headHasTheHeadersOfGetWithoutABody() throws Exception {
        Http.Resp h = Http.head(textUrl);
        assertEquals(200, h.status());
        assertEquals(0, h.body().length);
        assertEquals(String.valueOf(TEXT.length), h.header("Content-Length"));
        assertEquals("bytes", h.header("Accept-Ranges"));
        assertEquals("attachment", h.header("Content-Disposition"));
        Http.Resp ranged = Http.head(textUrl, "Range", "bytes=0-4");
        assertEquals(206, ranged.status());
        assertEquals("bytes 0-4/29", ranged.header("Content-Range"));
        assertEquals("5", ranged.header("Content-Length"));
        Http.Resp missing = Http.head(server.url() + "/dl/nope.txt");
        assertEquals(404, missing.status());
    }

    @Test
    void missingFileIs404WithAnEmptyBody() throws Exception {
        Http.Resp r = Http.get(server.url() + "/default/20990101/00/00/1/none.txt");
        assertEquals(404, r.status());
        assertEquals(0, r.body().length);
        assertEquals("0", r.header("Content-Length"));
        assertNull(r.header("Content-Type"));
        assertEquals(404, Http.get(server.base() + "/dl/r.txt").status(), "a stored path without the group prefix");
    }

    @Test
    void filesCopiedIntoTheStoreWithoutTheApiAreServed() throws Exception {
        Files.createDirectories(server.dir().resolve("files/migrated/x"));
        Files.writeString(server.dir().resolve("files/migrated/x/old.txt"), "from an old tree");
        Http.Resp r = Http.get(server.url() + "/migrated/x/old.txt");
        assertEquals(200, r.status());
        assertEquals("from an old tree", r.text());
        assertNull(r.header("ETag"));
    }

    @Test
    void temporaryUploadDataIsNeverServedOrListed() throws Exception {
        Files.writeString(server.dir().resolve("files/_tmp/leftover"), "partial upload");
        assertEquals(404, Http.get(server.url() + "/_tmp/leftover").status());
        assertEquals(404, Http.get(server.url() + "/_tmp/").status());
    }

    @Test
    void directoryUrlsAreDeniedWhenListingsAreOffAndMissingOnesAre404() throws Exception {
        Replies.assertText(Http.get(server.url() + "/dl/"), "list dir deny");
        assertEquals(404, Http.get(server.url() + "/nodir/").status());
        assertEquals(404, Http.get(server.url() + "/stat/").status(), "an action with a trailing slash is a download path");
    }

    @Test
    void listingsWhenShowDirIsOn() throws Exception {
        try (TestServer listing = TestServer.start(Map.of("show_dir", true))) {
            Replies.upload(listing.url(), "a b.txt", "x".getBytes(StandardCharsets.UTF_8), Map.of("path", "ls"));
            Files.createDirectories(listing.dir().resolve("files/ls/sub"));
            Http.Resp redirect = Http.get(listing.url() + "/ls");
            assertEquals(301, redirect.status());
            assertEquals("ls/", redirect.header("Location"));
            Http.Resp page = Http.get(listing.url() + "/ls/");
            assertEquals(200, page.status());
            assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
            assertEquals("<pre>\n<a href=\"ab.txt\">ab.txt</a>\n<a href=\"sub/\">sub/</a>\n</pre>\n", page.text());
        }
    }

    @Test
    void aResizedImageKeepsTheDownloadHeadersRangeAndConditionals() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), "png", png);
        Replies.upload(server.url(), "pic.png", png.toByteArray(), Map.of("path", "dl"));
        String url = server.url() + "/dl/pic.png?download=0&width=10";
        String lastModified = Http.head(server.url() + "/dl/pic.png").header("Last-Modified");
        Http.Resp r = Http.get(url);
        assertEquals(200, r.status());
        assertEquals("image/png", r.header("Content-Type"));
        assertEquals(10, ImageIO.read(new ByteArrayInputStream(r.body())).getWidth());
        assertEquals(lastModified, r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertNull(r.header("ETag"), "the original's digest does not name the resized bytes");
        Http.Resp part = Http.get(url, "Range", "bytes=0-9");
        assertEquals(206, part.status());
        assertEquals("bytes 0-9/" + r.body().length, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOf(r.body(), 10), part.body());
        assertEquals(304, Http.get(url, "If-Modified-Since", lastModified).status());
    }

    @Test
    void aSymlinkedDirectoryIsNeitherListedNorServedOutsideTheStoreOrInsideTemp() throws Exception {
        try (TestServer listing = TestServer.start(Map.of("show_dir", true))) {
            Path outside = Files.createDirectories(listing.dir().resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), "not for download");
            Files.writeString(listing.dir().resolve("files/_tmp/pending"), "half an upload");
            Path links = Files.createDirectories(listing.dir().resolve("files/links"));
            Files.createSymbolicLink(links.resolve("out"), outside);
            Files.createSymbolicLink(links.resolve("tmp"), listing.dir().resolve("files/_tmp"));
            for (String path : new String[] {"/links/out/", "/links/out/secret.txt", "/links/tmp/", "/links/tmp/pending"}) {
                Http.Resp r = Http.get(listing.url() + path);
                assertEquals(404, r.status(), path);
                assertEquals(0, r.body().length, path);
            }
        }
    }
}
