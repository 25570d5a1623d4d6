package io.jfastdfs.auth;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.Served;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upload policy (API.md §2.1 checks 2, 7, 9; §6.4): extensions allow-list, max_upload_size, read_only. */
class UploadPolicyTest {
    static final String MISMATCH = fail("(error)file extension mismatch");
    @RegisterExtension
    static final SharedServer server = new SharedServer(Map.of("extensions", List.of("JPG", ".Png"), "max_upload_size", 1024));

    static String fail(String message) {
        return "{\n  \"data\": null,\n  \"message\": \"" + message + "\",\n  \"status\": \"fail\"\n}";
    }

    static Http.Resp upload(Served s, String name, int size, Map<String, String> fields) throws Exception {
        byte[] content = (name + " ".repeat(size)).substring(0, size).getBytes(StandardCharsets.UTF_8);
        return Http.upload(s.url() + "/upload", name, content, fields);
    }

    static void assertStored(Http.Resp r, String storedName) {
        assertEquals(200, r.status(), r.text());
        String url = r.text();
        assertTrue(url.substring(0, url.indexOf('?')).endsWith("/" + storedName), url);
    }

    @Test
    void extensionAllowListIgnoresCase() throws Exception {
        assertStored(upload(server, "a.jpg", 10, Map.of()), "a.jpg");
        assertStored(upload(server, "B.JPG", 10, Map.of()), "B.JPG");
        assertStored(upload(server, "c.png", 10, Map.of()), "c.png");
        for (String refused : new String[] {"d.txt", "noext", "e.jpg.php", "f.jpeg", "g.pngx"}) {
            Http.Resp r = upload(server, refused, 10, Map.of());
            assertEquals(200, r.status(), refused);
            assertEquals(MISMATCH, r.text(), refused);
        }
    }

    @Test
    void extensionIsCheckedOnTheStoredName() throws Exception {
        assertEquals(MISMATCH, upload(server, "x.jpg", 10, Map.of("filename", "x.php")).text());
        assertStored(upload(server, "y.txt", 10, Map.of("filename", "y.jpg")), "y.jpg");
    }

    @Test
    void bodyOverMaxUploadSizeIs413AndLeavesNothing() throws Exception {
        Http.Resp big = upload(server, "big.jpg", 1025, Map.of());
        assertEquals(413, big.status());
        assertEquals(fail("(error)file too large"), big.text());
        Path tmp = server.dir().resolve("files/_tmp");
        assertTrue(!Files.isDirectory(tmp) || Files2.listFiles(tmp).isEmpty(), "temp data removed");
        assertStored(upload(server, "fits.jpg", 1024, Map.of()), "fits.jpg");
    }

    @Test
    void readOnlyRefusesUploadsButServesAndDeletes() throws Exception {
        try (TestServer node = TestServer.start()) {
            byte[] content = "written before read_only".getBytes(StandardCharsets.UTF_8);
            Http.Resp before = Http.upload(node.url() + "/upload", "ro.txt", content);
            assertEquals(200, before.status());
            switchReadOnlyOn(node);

            Http.Resp refused = Http.upload(node.url() + "/upload", "new.txt", "new".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, refused.status());
            assertEquals(fail("(error) readonly"), refused.text());
            assertTrue(Files2.listFiles(node.dir().resolve("files")).stream().noneMatch(f -> f.endsWith("new.txt")));
            assertEquals(200, Http.get(before.text()).status(), "downloads still work");
            Http.Resp deleted = Http.get(node.url() + "/delete?md5=" + Files2.md5(content));
            assertEquals("remove success", ((Map<?, ?>) Json.parse(deleted.text())).get("message"), deleted.text());
        }
    }

    /** get → set (secrets stay masked, so they are kept) → reload, as an operator would. */
    static void switchReadOnlyOn(TestServer node) throws Exception {
        String key = (String) ((Map<?, ?>) Json.parse(Files.readString(node.dir().resolve("conf/cfg.json"))))
                .get("admin_key");
        Map<?, ?> live = (Map<?, ?>) ((Map<?, ?>) Json.parse(
                Http.get(node.url() + "/reload?action=get&key=" + key).text())).get("data");
        Map<Object, Object> next = new LinkedHashMap<>(live);
        next.put("read_only", true);
        Http.Resp set = Http.postForm(node.url() + "/reload", Map.of("action", "set", "key", key, "cfg", Json.compact(next)));
        assertEquals("ok", ((Map<?, ?>) Json.parse(set.text())).get("status"), set.text());
        Http.Resp reload = Http.postForm(node.url() + "/reload", Map.of("action", "reload", "key", key));
        assertEquals("ok", ((Map<?, ?>) Json.parse(reload.text())).get("status"), reload.text());
    }
}
