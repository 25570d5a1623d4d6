package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Configured upload limits (API.md §2.1 checks 6–10): scenes, extensions, size and free disk. */
class UploadPolicyTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer(Map.of("scenes", List.of("pics", "docs:JBSWY3DPEHPK3PXP"),
                "extensions", List.of(".txt", "PNG"), "max_upload_size", 1000));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyListedScenesAreAccepted() throws Exception {
        Replies.assertText(Http.upload(server.url() + "/upload", "a.txt", bytes("x"), Map.of("scene", "other")),
                Replies.fail("not valid scene"));
        Replies.assertText(Http.upload(server.url() + "/upload", "a.txt", bytes("x")), Replies.fail("not valid scene"));
        assertEquals("pics", Replies.upload(server.url(), "a.txt", bytes("listed scene"), Map.of("scene", "pics")).get("scene"));
    }

    @Test
    void onlyListedExtensionsAreAcceptedWhateverTheirCase() throws Exception {
        Replies.assertText(Http.upload(server.url() + "/upload", "a.exe", bytes("x"), Map.of("scene", "pics")),
                Replies.fail("(error)file extension mismatch"));
        Replies.assertText(Http.upload(server.url() + "/upload", "a.txt", bytes("x"), Map.of("scene", "pics", "filename", "a.exe")),
                Replies.fail("(error)file extension mismatch"));
        assertEquals(200, Http.upload(server.url() + "/upload", "shot.png", bytes("png-ish"), Map.of("scene", "pics")).status());
        assertEquals(200, Http.upload(server.url() + "/upload", "UP.TXT", bytes("upper case"), Map.of("scene", "pics")).status());
    }

    @Test
    void bodiesOverTheSizeCapAre413AndLeaveNothing() throws Exception {
        List<String> before = Replies.storedFiles(server.dir());
        Http.Resp r = Http.upload(server.url() + "/upload", "big.txt", new byte[1001], Map.of("scene", "pics"));
        assertEquals(413, r.status());
        assertEquals(Replies.fail("(error)file too large"), r.text());
        assertEquals(before, Replies.storedFiles(server.dir()));
        assertEquals(List.of(), Replies.tempFiles(server.dir()));
        assertEquals(200, Http.upload(server.url() + "/upload", "fits.txt", new byte[1000], Map.of("scene", "pics")).status());
    }

    @Test
    void aFarLargerBodyStillGetsThe413Answer() throws Exception {
        Http.Resp r = Http.upload(server.url() + "/upload", "huge.txt", new byte[8 << 20], Map.of("scene", "pics"));
        assertEquals(413, r.status());
        assertEquals(Replies.fail("(error)file too large"), r.text());
        assertEquals(List.of(), Replies.tempFiles(server.dir()));
    }

    @Test
    void lowFreeDiskIs507() throws Exception {
        try (TestServer full = TestServer.start(Map.of("min_free_disk_mb", 1L << 40))) {
            Http.Resp r = Http.upload(full.url() + "/upload", "a.txt", bytes("no room"));
            assertEquals(507, r.status());
            assertEquals(Replies.fail("(error)disk full"), r.text());
        }
    }
}
