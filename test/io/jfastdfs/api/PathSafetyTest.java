package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every traversal form on upload fields and download paths is refused before anything reaches the
 * store (API.md §1.9, CVE-2023-1800): 400 with the named error, nothing stored, nothing outside files/.
 */
class PathSafetyTest {
    static final byte[] CONTENT = "should never be stored".getBytes(StandardCharsets.UTF_8);
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            Replies.assertNoServerFaults(server.dir());
        } finally {
            server.close();
        }
    }

    /** Uploads with one hostile field and checks the refusal left no trace anywhere. */
    private static void assertRefused(String field, String value, String message) throws Exception {
        Path base = server.dir();
        List<String> before = Files2.listFiles(base);
        Http.Resp r = new Http.Multipart().field(field, value).field("output", "json").file("file", "evil.txt", CONTENT)
                .post(server.url() + "/upload");
        assertEquals(400, r.status(), field + "=" + value + " → " + r.text());
        assertEquals(Replies.fail(message), r.text(), field + "=" + value);
        List<String> after = Files2.listFiles(base).stream().filter(p -> !p.startsWith("log/")).toList();
        assertEquals(before.stream().filter(p -> !p.startsWith("log/")).toList(), after, field + "=" + value);
        assertFalse(Files.exists(base.getParent().resolve("evil.txt")));
    }

    @Test
    void hostileScenesAreRefused() throws Exception {
        for (String s : new String[] {"..", "../x", "/abs", "a/b", "a\\b", "..\\x", "%2e%2e", "%252e%252e", "a\u0000b",
            "a\nb", "a\u0001b", ".", "_tmp", "_big", "haystack"}) {
            assertRefused("scene", s, "(error)invalid scene");
        }
    }

    @Test
    void hostilePathsAreRefused() throws Exception {
        for (String p : new String[] {"..", "../../etc", "a/../../b", "a/./b", "a\\..\\b", "%2e%2e/x", "%2E%2E/x",
            "%252e%252e/x", "a%2f..%2fb", "a\u0000b", "a\tb", "_tmp/x", "_big", "haystack/1", "C:/Windows", "a//b"}) {
            assertRefused("path", p, "(error)invalid path");
        }
    }

    @Test
    void hostileFilenamesAreRefused() throws Exception {
        for (String f : new String[] {"..", ".", "../evil.txt", "/etc/passwd", "a/b.txt", "..\\evil.txt",
            "%2e%2e%2fevil.txt", "%252e%252e%252fevil.txt", "evil\u0000.txt", "a\nb.txt", "x".repeat(256)}) {
            assertRefused("filename", f, "(error)invalid filename");
        }
    }

    @Test
    void hostileMultipartFileNamesAreRefused() throws Exception {
        for (String f : new String[] {"../../evil.txt", "..\\..\\evil.txt", "%2e%2e/evil.txt"}) {
            List<String> before = Replies.storedFiles(server.dir());
            Http.Resp r = Http.upload(server.url() + "/upload", f, CONTENT);
            assertEquals(400, r.status(), f);
            assertEquals(Replies.fail("(error)invalid filename"), r.text(), f);
            assertEquals(before, Replies.storedFiles(server.dir()), f);
        }
    }

    @Test
    void leadingAndTrailingSlashesOfACustomPathAreTrimmedInsideTheStore() throws Exception {
        Map<String, Object> r = Replies.upload(server.url(), "t.txt", "trimmed path".getBytes(StandardCharsets.UTF_8),
                Map.of("path", "/etc/trim/"));
        assertEquals("/group1/etc/trim/t.txt", r.get("path"));
        assertArrayEquals("trimmed path".getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(server.dir().resolve("files/etc/trim/t.txt")));
    }

    @Test
    void traversalInDownloadPathsIs400WithAnEmptyBody() throws Exception {
        Files.writeString(server.dir().resolve("secret.txt"), "outside the store");
        for (String target : new String[] {"/group1/../conf/cfg.json", "/group1/%2e%2e/conf/cfg.json",
            "/group1/%2E%2E/%2E%2E/etc/passwd", "/group1/..%2fconf%2fcfg.json", "/group1/%252e%252e/secret.txt",
            "/group1/..%5csecret.txt", "/group1/default/%00x", "/group1/./secret.txt", "/group1/x/%2e/y",
            "/..", "/group1/a%01b", "/group1/%2e%2e%2f%2e%2e%2fsecret.txt", "/group1/..;/secret.txt/.."}) {
            RawHttp.Reply r = RawHttp.get("127.0.0.1", server.port(), target);
            assertEquals(400, r.status(), target);
            assertEquals(0, r.body().length, target);
        }
        RawHttp.Reply backslash = RawHttp.get("127.0.0.1", server.port(), "/group1/..\\secret.txt");
        assertEquals(400, backslash.status());
        assertEquals(200, Http.get(server.url() + "/status").status());
    }

    @Test
    void dotsInsideANameAreNotTraversal() throws Exception {
        Replies.upload(server.url(), "x.txt", "two dots inside".getBytes(StandardCharsets.UTF_8),
                Map.of("path", "dots", "filename", "a..b.txt"));
        Http.Resp r = Http.get(server.url() + "/dots/a..b.txt");
        assertEquals(200, r.status());
        assertEquals("two dots inside", r.text());
    }

    @Test
    void aSymlinkInsideTheStoreIsNotFollowedOut() throws Exception {
        Path outside = server.dir().resolve("secret-link-target.txt");
        Files.writeString(outside, "not for download");
        Files.createDirectories(server.dir().resolve("files/links"));
        Files.createSymbolicLink(server.dir().resolve("files/links/out.txt"), outside);
        assertEquals(404, Http.get(server.url() + "/links/out.txt").status());
    }

    @Test
    void listDirAndCheckFileExistStayInsideTheStore() throws Exception {
        for (String dir : new String[] {"../conf", "..\\conf", "a/%2e%2e", "a\u0000"}) {
            Http.Resp r = Http.postForm(server.url() + "/list_dir", Map.of("dir", dir));
            String text = r.text();
            assertFalse(text.contains("cfg.json"), dir + " → " + text);
            assertEquals("fail", Replies.json(r).get("status"), dir);
        }
    }
}
