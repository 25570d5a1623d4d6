package io.jfastdfs.api;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reload?action=get|set|reload (API.md §2.14): the config changes without a restart. */
class ReloadTest {
    static TestServer server;
    static String key;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        server = TestServer.start();
        Map<String, Object> cfg = (Map<String, Object>) Json.parse(Files.readString(server.dir().resolve("conf/cfg.json")));
        key = (String) cfg.get("admin_key");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Resp reload(Map<String, String> form) throws Exception {
        return Http.postForm(server.url() + "/reload", form);
    }

    @Test
    void theAdminKeyIsRequiredAndChecked() throws Exception {
        Replies.assertText(Http.get(server.url() + "/reload?action=get"), Replies.fail("(error)parameter key require"));
        Replies.assertText(Http.get(server.url() + "/reload?action=get&key=wrong"), Replies.fail("(error)key is not correct"));
    }

    @Test
    void aMissingOrUnknownActionIsExplained() throws Exception {
        Replies.assertText(Http.get(server.url() + "/reload?key=" + key), "(error)action support set(json) get reload");
        Replies.assertText(Http.get(server.url() + "/reload?action=zap&key=" + key), "(error)action support set(json) get reload");
    }

    @Test
    void getShowsEveryKeySortedWithSecretsMasked() throws Exception {
        Http.Resp r = Http.get(server.url() + "/reload?action=get&key=" + key);
        assertEquals("ok", Replies.json(r).get("status"));
        Map<String, Object> data = Replies.data(r);
        assertEquals("******", data.get("admin_key"));
        assertEquals("******", data.get("peer_secret"));
        assertEquals("group1", data.get("group"));
        assertEquals(List.of("127.0.0.1"), data.get("admin_ips"));
        assertTrue(data.containsKey("trusted_proxies") && data.containsKey("strict_http_status"), data.keySet().toString());
        assertTrue(r.text().indexOf("\"addr\"") < r.text().indexOf("\"admin_ips\"")
                && r.text().indexOf("\"admin_key\"") < r.text().indexOf("\"alarm_receivers\""), "sorted keys");
        assertTrue(!r.text().contains(key), "the admin key is never shown");
    }

    @Test
    void setValidatesAndWritesButAppliesOnlyOnReload() throws Exception {
        Replies.assertText(reload(Map.of("action", "set", "key", key)), Replies.fail("(error)parameter cfg(json) require"));
        Http.Resp broken = reload(Map.of("action", "set", "key", key, "cfg", "{\"addr\": "));
        assertEquals("fail", Replies.json(broken).get("status"));
        String badPeers = "{\"peers\": [\"10.0.0.1:8080\"]}";
        Http.Resp invalid = reload(Map.of("action", "set", "key", key, "cfg", badPeers));
        assertEquals("fail", Replies.json(invalid).get("status"));
        assertTrue(((String) Replies.json(invalid).get("message")).contains("peers"), invalid.text());

        String before = Files.readString(server.dir().resolve("conf/cfg.json"));
        Map<String, Object> live = new LinkedHashMap<>(Replies.data(Http.get(server.url() + "/reload?action=get&key=" + key)));
        live.put("default_scene", "reloaded");
        live.put("unknown_key_dropped", 1);
        Replies.assertText(reload(Map.of("action", "set", "key", key, "cfg", Json.compact(live))), Replies.envelope("ok", ""));
        String written = Files.readString(server.dir().resolve("conf/cfg.json"), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"default_scene\": \"reloaded\""), written);
        assertTrue(written.contains("\"admin_key\": \"" + key + "\""), "masked secrets keep their stored values");
        assertTrue(!written.contains("unknown_key_dropped"));
        assertTrue(!before.equals(written));

        Map<String, Object> beforeReload = Replies.upload(server.url(), "a.txt", "before reload".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals("default", beforeReload.get("scene"), "set alone applies nothing");
        Replies.assertText(reload(Map.of("action", "reload", "key", key)), Replies.envelope("ok", ""));
        Map<String, Object> after = Replies.upload(server.url(), "b.txt", "after reload".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals("reloaded", after.get("scene"));

        live.put("default_scene", "default");
        live.put("addr", "127.0.0.1:1");
        reload(Map.of("action", "set", "key", key, "cfg", Json.compact(live)));
        Http.Resp restart = reload(Map.of("action", "reload", "key", key));
        assertEquals("{\n  \"data\": {\n    \"restart_required\": [\n      \"addr\"\n    ]\n  },\n  \"message\": \"\",\n"
                + "  \"status\": \"ok\"\n}", restart.text());
        assertEquals(200, Http.get(server.url() + "/status").status(), "still serving on the old address");
        assertEquals("default", Replies.upload(server.url(), "c.txt", "back".getBytes(StandardCharsets.UTF_8), Map.of())
                .get("scene"));
    }
}
