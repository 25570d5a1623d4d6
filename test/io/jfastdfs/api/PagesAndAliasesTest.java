package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload page (API.md §2.17) and the un-prefixed action aliases (§1.1). */
class PagesAndAliasesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void theUploadPageIsServedAtEveryDocumentedAddress() throws Exception {
        String first = null;
        for (String path : new String[] {"/", "/group1", "/group1/", "/group1/upload.html"}) {
            Http.Resp r = Http.get(server.base() + path);
            assertEquals(200, r.status(), path);
            assertEquals("text/html; charset=utf-8", r.header("Content-Type"), path);
            if (first == null) first = r.text();
            assertEquals(first, r.text(), path);
        }
        assertTrue(first.contains("action=\"/group1/upload\""), "the form posts to the group's upload");
        assertTrue(first.contains("var G = '/group1';") && first.contains("G + '/big/upload/'"), "and offers tus uploads");
        assertTrue(first.contains("name=\"scene\" value=\"default\""), "scene pre-filled with default_scene");
        assertTrue(first.contains("name=\"output\" value=\"json2\""), "output pre-filled with json2");
        assertFalse(first.contains("{G}") || first.contains("{default_scene}"), "no placeholder left");
        assertEquals(200, Http.head(server.base() + "/").status());
    }

    @Test
    void theUploadPageCanBeTurnedOff() throws Exception {
        try (TestServer off = TestServer.start(Map.of("enable_web_upload", false))) {
            Replies.assertText(Http.get(off.base() + "/"), "web upload deny");
            Replies.assertText(Http.get(off.url() + "/upload.html"), "web upload deny");
        }
    }

    @Test
    void unprefixedActionsAreAliasesOfTheGroupsOwn() throws Exception {
        byte[] content = "uploaded through the alias".getBytes(StandardCharsets.UTF_8);
        Http.Resp up = Http.upload(server.base() + "/upload", "alias.txt", content);
        assertTrue(up.text().startsWith(server.base() + "/group1/default/"), up.text());
        assertArrayEquals(content, Http.get(up.text()).body());
        String md5 = Files2.md5(content);
        Replies.assertText(Http.get(server.base() + "/upload?md5=" + md5), up.text());
        assertEquals("alias.txt", Replies.data(Http.get(server.base() + "/get_file_info?md5=" + md5)).get("name"));
        assertEquals("ok", Replies.json(Http.get(server.base() + "/stat")).get("status"));
        assertTrue(Http.get(server.base() + "/check_file_exist?md5=" + md5).text().contains("\"name\":\"alias.txt\""));
        Replies.assertText(Http.get(server.base() + "/delete?md5=" + md5), Replies.envelope("ok", "remove success"));
    }

    @Test
    void unprefixedPathsThatAreNoActionAreMisses() throws Exception {
        Map<String, Object> r = Replies.upload(server.url(), "n.txt", "prefixed only".getBytes(StandardCharsets.UTF_8),
                Map.of("path", "pfx"));
        assertEquals(200, Http.get(server.url() + "/pfx/n.txt").status());
        assertEquals(404, Http.get(server.base() + "/pfx/n.txt").status());
        assertEquals(404, Http.get(server.base() + "/index").status());
        assertEquals(404, Http.get(server.url() + "/index").status());
        assertEquals("/group1/pfx/n.txt", r.get("path"));
    }

    @Test
    void withoutGroupManagementUrlsHaveNoPrefix() throws Exception {
        try (TestServer flat = TestServer.start(Map.of("support_group_manage", false))) {
            assertEquals(flat.base(), flat.url());
            Map<String, Object> r = Replies.upload(flat.url(), "flat.txt", "no group".getBytes(StandardCharsets.UTF_8),
                    Map.of("path", "flat"));
            assertEquals("/flat/flat.txt", r.get("path"));
            assertEquals("no group", Http.get(flat.base() + "/flat/flat.txt").text());
            assertEquals(200, Http.get(flat.base() + "/").status());
        }
    }

    @Test
    void withoutGroupManagementAPathStartingWithTheGroupNameIsAPlainDirectory() throws Exception {
        // group stays "group1" in cfg.json: only "/<group>/" under group management is stripped (§2.7)
        try (TestServer flat = TestServer.start(Map.of("support_group_manage", false))) {
            Map<String, Object> r = Replies.upload(flat.url(), "g.txt", "in group1 dir".getBytes(StandardCharsets.UTF_8),
                    Map.of("path", "group1/x"));
            assertEquals("/group1/x/g.txt", r.get("path"));
            Replies.assertText(Http.get(flat.base() + "/delete?path=/group1/x/g.txt"), Replies.envelope("ok", "remove success"));
            assertFalse(Files.exists(flat.dir().resolve("files/group1/x/g.txt")));
        }
    }

    @Test
    void staticAssetsAreBundledAndOverridableFromWeb() throws Exception {
        Http.Resp css = Http.get(server.url() + "/static/style.css");
        assertEquals(200, css.status());
        assertEquals("text/css; charset=utf-8", css.header("Content-Type"));
        assertEquals(404, Http.get(server.url() + "/static/nope.css").status());
        Files.createDirectories(server.dir().resolve("web"));
        Files.writeString(server.dir().resolve("web/style.css"), "body{}");
        assertEquals("body{}", Http.get(server.url() + "/static/style.css").text());
    }
}
