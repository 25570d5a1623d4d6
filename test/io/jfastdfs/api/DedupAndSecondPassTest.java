package io.jfastdfs.api;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dedup by digest (API.md §3.4), second pass (§2.2) and collision names (§3.5). */
class DedupAndSecondPassTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void identicalContentAnswersTheFirstUploadsRecordAndStoresNoSecondCopy() throws Exception {
        byte[] content = bytes("the same bytes twice");
        Map<String, Object> first = Replies.upload(server.url(), "first.txt", content, Map.of());
        List<String> before = Replies.storedFiles(server.dir());
        Map<String, Object> second = Replies.upload(server.url(), "other name(1).txt", content, Map.of("scene", "elsewhere"));
        assertEquals(first, second);
        assertEquals(before, Replies.storedFiles(server.dir()));
    }

    @Test
    void aDuplicateOfAFileThatVanishedFromDiskIsStoredAgain() throws Exception {
        byte[] content = bytes("ghost record content");
        Map<String, Object> first = Replies.upload(server.url(), "ghost.txt", content, Map.of("path", "ghosts/a"));
        Files.delete(server.dir().resolve("files/ghosts/a/ghost.txt"));
        Map<String, Object> second = Replies.upload(server.url(), "ghost2.txt", content, Map.of("path", "ghosts/b"));
        assertEquals("/group1/ghosts/b/ghost2.txt", second.get("path"));
        assertNotEquals(first.get("path"), second.get("path"));
        assertArrayEquals(content, Http.get((String) second.get("url")).body());
        assertEquals(second.get("url"), Http.get(server.url() + "/upload?md5=" + Files2.md5(content)).text());
    }

    @Test
    void sameNameWithOtherContentGetsNumberedPrefixesThatNeverAccumulate() throws Exception {
        Map<String, Object> a = Replies.upload(server.url(), "c.txt", bytes("collide A"), Map.of("path", "collide"));
        Map<String, Object> b = Replies.upload(server.url(), "c.txt", bytes("collide B"), Map.of("path", "collide"));
        Map<String, Object> c = Replies.upload(server.url(), "c.txt", bytes("collide C"), Map.of("path", "collide"));
        assertEquals("/group1/collide/c.txt", a.get("path"));
        assertEquals("/group1/collide/0_c.txt", b.get("path"));
        assertEquals("/group1/collide/1_c.txt", c.get("path"));
        assertTrue(((String) b.get("url")).endsWith("?name=0_c.txt&download=1"), (String) b.get("url"));
        assertArrayEquals(bytes("collide B"), Http.get((String) b.get("url")).body());
        assertArrayEquals(bytes("collide C"), Files.readAllBytes(server.dir().resolve("files/collide/1_c.txt")));
    }

    @Test
    void renamedUploadsCollideOnTheStoredNameAndPointAtTheirOwnBytes() throws Exception {
        Map<String, Object> a = Replies.upload(server.url(), "a.txt", bytes("rename A"),
                Map.of("path", "rcollide", "filename", "r.bin"));
        Map<String, Object> b = Replies.upload(server.url(), "b.txt", bytes("rename B"),
                Map.of("path", "rcollide", "filename", "r.bin"));
        assertEquals("/group1/rcollide/r.bin", a.get("path"));
        assertEquals("/group1/rcollide/0_r.bin", b.get("path"));
        assertArrayEquals(bytes("rename B"), Http.get((String) b.get("url")).body());
    }

    @Test
    void secondPassFindsAFileByDigestInEveryOutputFormat() throws Exception {
        byte[] content = bytes("second pass content");
        String md5 = Files2.md5(content);
        Map<String, Object> up = Replies.upload(server.url(), "sp.txt", content, Map.of());
        String url = (String) up.get("url");

        Replies.assertText(Http.get(server.url() + "/upload?md5=" + md5), url);
        Replies.assertText(Http.get(server.url() + "/upload?md5=" + md5 + "&output=xml"), url);
        String compact = "{\"url\":\"" + url.replace("&", "\\u0026") + "\",\"md5\":\"" + md5 + "\",\"path\":\""
                + up.get("path") + "\",\"domain\":\"" + server.base() + "\",\"scene\":\"default\",\"size\":"
                + content.length + ",\"mtime\":" + up.get("mtime") + ",\"scenes\":\"default\",\"retmsg\":\"\","
                + "\"retcode\":0,\"src\":\"" + up.get("path") + "\"}";
        Replies.assertText(Http.get(server.url() + "/upload?md5=" + md5 + "&output=json"), compact);
        Http.Resp json2 = Http.get(server.url() + "/upload?md5=" + md5 + "&output=json2");
        assertEquals(200, json2.status());
        assertEquals("ok", Replies.json(json2).get("status"));
        assertEquals(up, Replies.data(json2));
        assertTrue(json2.text().startsWith("{\n  \"data\": {\n    \"domain\": "), json2.text());
    }

    @Test
    void secondPassAcceptsThePathKeyAndPostedForms() throws Exception {
        byte[] content = bytes("second pass by path key");
        Map<String, Object> up = Replies.upload(server.url(), "pk.txt", content, Map.of("path", "pk"));
        String key = FileRecord.pathKeyOf("files/pk/pk.txt");
        Replies.assertText(Http.get(server.url() + "/upload?md5=" + key), (String) up.get("url"));
        Replies.assertText(Http.postForm(server.url() + "/upload", Map.of("md5", Files2.md5(content))), (String) up.get("url"));
    }

    @Test
    void secondPassForAnUnknownDigestAnswersTheEmptyShapes() throws Exception {
        String unknown = "0123456789abcdef0123456789abcdef";
        Http.Resp text = Http.get(server.url() + "/upload?md5=" + unknown);
        assertEquals(200, text.status());
        assertEquals(0, text.body().length);
        assertEquals("0", text.header("Content-Length"));
        assertEquals(null, text.header("Content-Type"));
        Replies.assertText(Http.get(server.url() + "/upload?md5=" + unknown + "&output=json"),
                "{\"url\":\"\",\"md5\":\"\",\"path\":\"\",\"domain\":\"\",\"scene\":\"\",\"size\":0,\"mtime\":0,"
                        + "\"scenes\":\"\",\"retmsg\":\"\",\"retcode\":0,\"src\":\"\"}");
        Replies.assertText(Http.get(server.url() + "/upload?md5=" + unknown + "&output=json2"), Replies.envelope("fail", ""));
    }

    @Test
    void sha1ConfigurationPutsTheSha1InTheMd5FieldAndDedupsByIt() throws Exception {
        try (TestServer sha = TestServer.start(Map.of("file_sum_arithmetic", "SHA1"))) {
            byte[] content = bytes("digest with sha1");
            String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
            Map<String, Object> a = Replies.upload(sha.url(), "s1.txt", content, Map.of());
            assertEquals(sha1, a.get("md5"));
            Map<String, Object> b = Replies.upload(sha.url(), "s2.txt", content, Map.of());
            assertEquals(a.get("path"), b.get("path"));
            Replies.assertText(Http.get(sha.url() + "/upload?md5=" + sha1), (String) a.get("url"));
            Map<String, Object> withDigest = Replies.upload(sha.url(), "s3.txt", bytes("sha1 checked"),
                    Map.of("md5", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(bytes("sha1 checked")))));
            assertEquals(40, ((String) withDigest.get("md5")).length());
        }
    }

    @Test
    void withoutDistinctFilesTheMd5IsThePathKeyAndTheSamePathIsOverwritten() throws Exception {
        try (TestServer plain = TestServer.start(Map.of("enable_distinct_file", false))) {
            Map<String, Object> a = Replies.upload(plain.url(), "o.txt", bytes("version one"), Map.of("path", "ow"));
            assertEquals(FileRecord.pathKeyOf("files/ow/o.txt"), a.get("md5"));
            Map<String, Object> b = Replies.upload(plain.url(), "o.txt", bytes("version two!"), Map.of("path", "ow"));
            assertEquals(a.get("path"), b.get("path"));
            assertArrayEquals(bytes("version two!"), Http.get((String) b.get("url")).body());
            assertEquals(12L, Replies.num(Replies.data(Http.get(plain.url() + "/get_file_info?md5=" + a.get("md5"))).get("size")));
        }
    }
}
