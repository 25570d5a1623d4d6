package io.jfastdfs.tus;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals: traversal in metadata, whitelist, size limit, read_only, concurrent writers; proxy-aware Location. */
class TusSafetyTest {
    static TestServer server;
    static TestServer limited;
    static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        endpoint = server.url() + "/big/upload/";
        limited = TestServer.start(Map.of("extensions", List.of(".txt"), "max_upload_size", 1000,
                "trusted_proxies", List.of("127.0.0.1"), "admin_key", "tus-admin-key"));
    }

    @AfterAll
    static void stop() {
        server.close();
        limited.close();
    }

    @Test
    void traversalInMetadataIsRefusedBeforeAnythingIsWritten() throws Exception {
        String[][] cases = {
            {"filename", "../../../etc/cron.d/x", "(error)invalid filename\n"},
            {"filename", "..%2f..%2fx.txt", "(error)invalid filename\n"},
            {"scene", "../../etc", "(error)invalid scene\n"},
            {"scene", "_big", "(error)invalid scene\n"},
            {"path", "../../etc", "(error)invalid path\n"},
            {"path", "/_tmp/x", "(error)invalid path\n"},
        };
        for (String[] c : cases) {
            Http.Resp r = TusRequests.create(endpoint, "Upload-Length", "5",
                    "Upload-Metadata", TusRequests.metadata(c[0], c[1]));
            assertEquals(400, r.status(), c[0] + "=" + c[1]);
            assertEquals(c[2], r.text(), c[0] + "=" + c[1]);
        }
        assertFalse(Files.exists(server.dir().resolve("etc")));
    }

    @Test
    void directoryPartOfTheMetadataFilenameIsDropped() throws Exception {
        byte[] data = "plain name".getBytes(StandardCharsets.UTF_8);
        String url = TusRequests.created(endpoint, data.length, "filename", "sub/dir/plain.txt");
        TusRequests.upload(url, data, data.length);
        String json = Http.get(server.url() + "/upload?output=json&md5=" + url.substring(url.lastIndexOf('/') + 1)).text();
        assertTrue(json.matches(".*\"path\":\"/group1/default/\\d{8}/\\d{2}/\\d{2}/1/plain\\.txt\".*"), json);
    }

    @Test
    void filenameOutsideTheExtensionWhitelistIs403() throws Exception {
        String ep = limited.url() + "/big/upload/";
        Http.Resp r = TusRequests.create(ep, "Upload-Length", "5", "Upload-Metadata", TusRequests.metadata("filename", "x.exe"));
        assertEquals(403, r.status());
        assertEquals("(error)file extension mismatch\n", r.text());
        assertEquals(201, TusRequests.create(ep, "Upload-Length", "5",
                "Upload-Metadata", TusRequests.metadata("filename", "x.TXT")).status());
    }

    @Test
    void maxUploadSizeIsAdvertisedAndEnforcedWith413() throws Exception {
        String ep = limited.url() + "/big/upload/";
        assertEquals("1000", Http.method("OPTIONS", ep).header("Tus-Max-Size"));
        Http.Resp big = TusRequests.create(ep, "Upload-Length", "1001", "Upload-Metadata", TusRequests.metadata("filename", "a.txt"));
        assertEquals(413, big.status());
        assertEquals("maximum size exceeded\n", big.text());
        String deferred = TusRequests.create(ep, "Upload-Defer-Length", "1",
                "Upload-Metadata", TusRequests.metadata("filename", "d.txt")).header("Location");
        byte[] data = new byte[1200];
        Http.Resp over = TusRequests.patch(deferred, data, 0, 1200);
        assertEquals(413, over.status());
        assertEquals("0", TusRequests.head(deferred).header("Upload-Offset"));
        assertEquals(413, TusRequests.patch(deferred, data, 0, 10, "Upload-Length", "1200").status());
    }

    @Test
    void locationFollowsForwardedHostOnlyFromATrustedProxy() throws Exception {
        Http.Resp viaProxy = TusRequests.create(limited.url() + "/big/upload/", "Upload-Length", "5",
                "Upload-Metadata", TusRequests.metadata("filename", "p.txt"),
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "files.example.com");
        assertTrue(viaProxy.header("Location").startsWith("https://files.example.com/group1/big/upload/"),
                viaProxy.header("Location"));
        Http.Resp direct = TusRequests.create(endpoint, "Upload-Length", "5",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example.com");
        assertTrue(direct.header("Location").startsWith(server.url() + "/big/upload/"), direct.header("Location"));
    }

    @Test
    void readOnlyRefusesCreationAndPatchWith403ButNotTermination() throws Exception {
        try (TestServer ro = TestServer.start(Map.of("admin_key", "ro-key"))) {
            String ep = ro.url() + "/big/upload/";
            String a = TusRequests.created(ep, 10);
            String b = TusRequests.created(ep, 10);
            TestServer.writeConfig(ro.dir(), TestServer.withDefaults(Map.of("admin_key", "ro-key", "read_only", true)));
            assertTrue(Http.get(ro.url() + "/reload?action=reload&key=ro-key").text().contains("\"ok\""));
            Http.Resp create = TusRequests.create(ep, "Upload-Length", "10");
            assertEquals(403, create.status());
            assertEquals("(error) readonly\n", create.text());
            Http.Resp patch = TusRequests.patch(a, new byte[10], 0, 10);
            assertEquals(403, patch.status());
            assertEquals("(error) readonly\n", patch.text());
            assertEquals(204, TusRequests.delete(b).status());
        }
    }

    @Test
    void creationWithoutRoomAboveMinFreeDiskIs507() throws Exception {
        try (TestServer full = TestServer.start(Map.of("min_free_disk_mb", 100_000_000))) {
            Http.Resp r = TusRequests.create(full.url() + "/big/upload/", "Upload-Length", "10");
            assertEquals(507, r.status());
            assertEquals("(error)disk full\n", r.text());
        }
    }

    @Test
    void secondPatchWhileOneIsRunningIs423AndTheFirstCompletesUncorrupted() throws Exception {
        byte[] data = TusRequests.random(400_000, 21);
        String url = TusRequests.created(endpoint, data.length, "filename", "race.bin");
        try (Socket first = TusRequests.startPatch(server.port(), TusRequests.pathOf(url), 0, data.length,
                Arrays.copyOfRange(data, 0, 50_000))) {
            TusRequests.awaitDataBeyond(server.dir(), url, 0);
            Http.Resp second = awaitLocked(url, data, first);
            assertEquals("file currently locked\n", second.text());
            assertEquals(423, TusRequests.patch(url, data, 0, 1000).status());
            first.getOutputStream().write(data, 50_000, data.length - 50_000);
            first.getOutputStream().flush();
            String answer = readHead(first.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("upload-offset: 400000"), answer);
        }
        assertArrayEquals(data, Http.get(url).body());
    }

    /** Polls with PATCHes at an impossible offset until the running PATCH holds the lock (423 instead of 409). */
    private static Http.Resp awaitLocked(String url, byte[] data, Socket first) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Http.Resp r = TusRequests.patch(url, data, 399_999, 400_000);
            if (r.status() == 423) return r;
            assertEquals(409, r.status());
            Thread.sleep(20);
        }
        first.setSoTimeout(2000);
        String got;
        try {
            got = readHead(first.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
            got = "(no answer yet)";
        }
        throw new AssertionError("the first PATCH never took the upload's lock; it was answered: " + got
                + "; HEAD says " + TusRequests.head(url).headers());
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            sb.append((char) c);
        }
        return sb.toString();
    }
}
