package io.jfastdfs.auth;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets are generated with SecureRandom, masked in reload?action=get, and never in /status or the logs. */
class SecretsTest {
    static final String TOKEN_SECRET = "token-secret-4b1d";
    static final String MAIL_PASSWORD = "mail-password-93c2";
    static final String GOOGLE_SECRET = "GEZDGNBVGY3TQOJQ";

    static Map<?, ?> cfgJson(TestServer s) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(s.dir().resolve("conf/cfg.json")));
    }

    static Map<?, ?> json(Http.Resp r) {
        return (Map<?, ?>) Json.parse(r.text());
    }

    @Test
    void firstStartGeneratesRandomAdminKeyAndPeerSecretButNoTokenSecret() throws Exception {
        try (TestServer a = TestServer.start(); TestServer b = TestServer.start()) {
            Map<?, ?> ca = cfgJson(a);
            Map<?, ?> cb = cfgJson(b);
            String uuidShaped = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
            assertTrue(((String) ca.get("admin_key")).matches(uuidShaped), String.valueOf(ca.get("admin_key")));
            assertTrue(((String) ca.get("peer_secret")).matches("[0-9a-f]{32}"));
            assertNotEquals(ca.get("admin_key"), cb.get("admin_key"));
            assertNotEquals(ca.get("peer_secret"), cb.get("peer_secret"));
            assertEquals("", ca.get("download_token_secret"), "go-fastdfs token clients keep working");
        }
    }

    @Test
    void secretsNeverAppearInStatusReloadGetOrTheLogs() throws Exception {
        TestServer s = TestServer.start(Map.of("download_token_secret", TOKEN_SECRET,
                "mail", Map.of("user", "ops@example.com", "password", MAIL_PASSWORD, "host", "smtp.example.com:25")));
        try {
            Map<?, ?> cfg = cfgJson(s);
            String adminKey = (String) cfg.get("admin_key");
            List<String> secrets = List.of(adminKey, (String) cfg.get("peer_secret"), TOKEN_SECRET, MAIL_PASSWORD,
                    GOOGLE_SECRET);

            Http.Resp get = Http.get(s.url() + "/reload?action=get&key=" + adminKey);
            Map<?, ?> live = (Map<?, ?>) json(get).get("data");
            for (String k : List.of("admin_key", "peer_secret", "download_token_secret")) {
                assertEquals("******", live.get(k), k);
            }
            assertEquals("******", ((Map<?, ?>) live.get("mail")).get("password"));
            Http.Resp status = Http.get(s.url() + "/status");
            Http.Resp code = Http.get(s.url() + "/gen_google_code?secret=" + GOOGLE_SECRET);
            assertEquals("ok", json(code).get("status"));
            Http.get(s.url() + "/reload?action=get&key=" + adminKey + "&x=1");
            Http.postForm(s.url() + "/reload?key=" + adminKey, Map.of("action", "get"));
            for (String secret : secrets) {
                assertFalse(get.text().contains(secret), "reload get shows a secret");
                assertFalse(status.text().contains(secret), "status shows a secret");
            }

            s.stop(); // flushes the logs
            String access = Files.readString(s.dir().resolve("log/access.log"));
            String app = Files.readString(s.dir().resolve("log/fileserver.log"));
            assertTrue(access.contains("/group1/reload?action=get&key=******"), access);
            assertTrue(access.contains("/group1/gen_google_code?secret=******"), access);
            for (String secret : secrets) {
                assertFalse(access.contains(secret), "access.log holds a secret");
                assertFalse(app.contains(secret), "fileserver.log holds a secret");
            }
        } finally {
            s.close();
        }
    }

    @Test
    void reloadSetKeepsMaskedSecretsAndRefusesInvalidAccessSettings() throws Exception {
        try (TestServer s = TestServer.start(Map.of("download_token_secret", TOKEN_SECRET))) {
            Map<?, ?> stored = cfgJson(s);
            String key = (String) stored.get("admin_key");
            Map<?, ?> live = (Map<?, ?>) json(Http.get(s.url() + "/reload?action=get&key=" + key)).get("data");

            Http.Resp same = set(s, key, live, Map.of());
            assertEquals("ok", json(same).get("status"), same.text());
            Map<?, ?> rewritten = cfgJson(s);
            for (String k : List.of("admin_key", "peer_secret", "download_token_secret")) {
                assertEquals(stored.get(k), rewritten.get(k), k + " kept, not replaced by the mask");
            }

            String before = Files.readString(s.dir().resolve("conf/cfg.json"));
            assertRefused(s, key, live, Map.of("auth_url", "ftp://auth.example/check"), "auth_url");
            assertRefused(s, key, live, Map.of("auth_url", "not a url"), "auth_url");
            assertRefused(s, key, live, Map.of("enable_google_auth", true, "scenes", List.of("s:NOT-BASE32-1!")),
                    "scene \"s\"");
            assertRefused(s, key, live, Map.of("admin_ips", List.of("10.0.0.0/33")), "10.0.0.0/33");
            assertRefused(s, key, live, Map.of("trusted_proxies", List.of("proxy.example")), "proxy.example");
            assertEquals(before, Files.readString(s.dir().resolve("conf/cfg.json")), "nothing written");
            Http.Resp accepted = set(s, key, live, Map.of("enable_google_auth", true, "scenes", List.of("s:" + GOOGLE_SECRET),
                    "auth_url", "https://auth.example/check"));
            assertEquals("ok", json(accepted).get("status"), accepted.text());
        }
    }

    static Http.Resp set(TestServer s, String key, Map<?, ?> live, Map<String, Object> changes) throws Exception {
        Map<Object, Object> next = new LinkedHashMap<>(live);
        next.putAll(changes);
        return Http.postForm(s.url() + "/reload", Map.of("action", "set", "key", key, "cfg", Json.compact(next)));
    }

    static void assertRefused(TestServer s, String key, Map<?, ?> live, Map<String, Object> changes, String named)
            throws Exception {
        Map<?, ?> r = json(set(s, key, live, changes));
        assertEquals("fail", r.get("status"), changes.toString());
        String message = (String) r.get("message");
        assertTrue(message.contains(named), message);
        assertFalse(message.contains("NOT-BASE32"), "the message never echoes a secret: " + message);
    }
}
