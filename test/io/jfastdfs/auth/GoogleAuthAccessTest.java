package io.jfastdfs.auth;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google Authenticator codes (API.md §2.1 check 5, §2.4, §2.16, §6.6) through real HTTP. The node's
 * window is download_token_expire 60 / 30 = ±2 steps.
 */
class GoogleAuthAccessTest {
    static final String SECRET = "JBSWY3DPEHPK3PXP";
    static final byte[] KEY = Base32.decode(SECRET);
    static final String CODE_REFUSED = "{\n  \"data\": null,\n  \"message\": \"invalid request,error google code\",\n"
            + "  \"status\": \"fail\"\n}";
    @RegisterExtension
    static final SharedServer server = new SharedServer(Map.of("enable_google_auth", true, "download_token_expire", 60,
                "scenes", List.of("default", "secure:" + SECRET), "default_scene", "secure"));
    static final LoopbackClient outsider = new LoopbackClient("127.0.0.9");

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String codeAtStep(long stepsFromNow) {
        return Totp.code(KEY, now() + stepsFromNow * Totp.STEP_SECONDS);
    }

    /** Multipart with the file first and the fields after it, as curl -F file=@x -F code=… sends them. */
    static Http.Resp upload(String name, Map<String, String> fieldsAfterFile) throws Exception {
        Http.Multipart m = new Http.Multipart();
        m.file("file", name, ("bytes of " + name).getBytes(StandardCharsets.UTF_8));
        fieldsAfterFile.forEach(m::field);
        return m.post(server.url() + "/upload");
    }

    static Map<?, ?> envelope(Http.Resp r) {
        return (Map<?, ?>) Json.parse(r.text());
    }

    @Test
    void genGoogleSecretAnswersFreshBase32Secrets() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Map<?, ?> e = envelope(Http.get(server.url() + "/gen_google_secret"));
            assertEquals("ok", e.get("status"));
            assertEquals("ok", e.get("message"));
            String secret = (String) e.get("data");
            assertTrue(secret.matches("[A-Z2-7]{16}"), secret);
            seen.add(secret);
        }
        assertEquals(5, seen.size());
    }

    @Test
    void genGoogleCodeAnswersTheCurrentCode() throws Exception {
        String rfcSecret = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        String before = Totp.code(Base32.decode(rfcSecret), now());
        Map<?, ?> e = envelope(Http.get(server.url() + "/gen_google_code?secret=" + rfcSecret));
        String after = Totp.code(Base32.decode(rfcSecret), now());
        assertEquals("ok", e.get("status"));
        assertEquals("ok", e.get("message"));
        assertTrue(e.get("data").equals(before) || e.get("data").equals(after), String.valueOf(e.get("data")));
    }

    @Test
    void genGoogleCodeRefusesAnInvalidOrMissingSecret() throws Exception {
        String refused = "{\n  \"data\": null,\n  \"message\": \"invalid secret\",\n  \"status\": \"fail\"\n}";
        for (String q : new String[] {"?secret=JBSWY3D1", "?secret=", "", "?secret=JBSWY3DPEHPK3PX%3D%3D"}) {
            Http.Resp r = Http.get(server.url() + "/gen_google_code" + q);
            assertEquals(200, r.status(), q);
            assertEquals(refused, r.text(), q);
        }
    }

    @Test
    void googleHelpersAreAdminOnly() throws Exception {
        for (String action : new String[] {"gen_google_secret", "gen_google_code?secret=" + SECRET}) {
            Map<?, ?> e = envelope(outsider.get(server.url() + "/" + action));
            assertEquals("fail", e.get("status"), action);
            assertEquals("Can only be called by the cluster ip or 127.0.0.1 or admin_ips(cfg.json),current ip:127.0.0.9",
                    e.get("message"), action);
            assertEquals(null, e.get("data"), action);
        }
    }

    @Test
    void uploadToASceneWithASecretNeedsTheCurrentCode() throws Exception {
        Http.Resp none = upload("n.txt", Map.of("scene", "secure"));
        assertEquals(401, none.status());
        assertEquals(CODE_REFUSED, none.text());
        assertEquals(401, upload("w.txt", Map.of("scene", "secure", "code", notNearNow())).status());
        assertEquals(401, upload("x.txt", Map.of("scene", "secure", "code", "12345a")).status());
        Http.Resp ok = upload("ok.txt", Map.of("scene", "secure", "code", codeAtStep(0)));
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.text().contains("/group1/secure/"), ok.text());
        assertEquals(200, upload("plain.txt", Map.of("scene", "default")).status(), "a scene without secret needs no code");
    }

    @Test
    void uploadWithoutSceneIsCheckedAgainstTheDefaultScene() throws Exception {
        Http.Resp none = upload("d.txt", Map.of());
        assertEquals(401, none.status());
        assertEquals(CODE_REFUSED, none.text());
        Http.Resp ok = upload("d2.txt", Map.of("code", codeAtStep(0)));
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.text().contains("/group1/secure/"), ok.text());
    }

    @Test
    void codesAreAcceptedWithinTheWindowOnly() throws Exception {
        // ±1 step stays inside the ±2 window even if a step boundary passes during the request.
        assertEquals(200, upload("p1.txt", Map.of("code", codeAtStep(-1))).status());
        assertEquals(200, upload("f1.txt", Map.of("code", codeAtStep(1))).status());
        assertEquals(401, upload("p4.txt", Map.of("code", outsideWindow(-1))).status());
        assertEquals(401, upload("f4.txt", Map.of("code", outsideWindow(1))).status());
    }

    /** A code 4+ steps away whose value differs from every code within ±3 steps (so it cannot match by chance). */
    static String outsideWindow(int direction) {
        Set<String> near = codesNearNow();
        for (int s = 4; ; s++) {
            String c = codeAtStep((long) direction * s);
            if (!near.contains(c)) return c;
        }
    }

    static Set<String> codesNearNow() {
        Set<String> near = new HashSet<>();
        for (int s = -3; s <= 3; s++) near.add(codeAtStep(s));
        return near;
    }

    /** Six digits that no step within ±3 of now produces. */
    static String notNearNow() {
        Set<String> near = codesNearNow();
        for (int c = 0; ; c++) {
            String code = String.format("%06d", c);
            if (!near.contains(code)) return code;
        }
    }

    @Test
    void downloadFromASceneWithASecretNeedsACodeUnlessAdmin() throws Exception {
        byte[] content = "bytes of dl.txt".getBytes(StandardCharsets.UTF_8);
        String url = pathOf(upload("dl.txt", Map.of("code", codeAtStep(0))));
        Http.Resp refused = outsider.get(server.base() + url);
        assertEquals(401, refused.status());
        assertEquals(0, refused.body().length);
        assertEquals(401, outsider.get(server.base() + url + "?code=" + notNearNow()).status());
        Http.Resp ok = outsider.get(server.base() + url + "?code=" + codeAtStep(0));
        assertEquals(200, ok.status());
        assertArrayEquals(content, ok.body());
        assertEquals(200, Http.get(server.base() + url).status(), "admins need no code");
        String open = pathOf(upload("open.txt", Map.of("scene", "default")));
        assertEquals(200, outsider.get(server.base() + open).status(), "a scene without secret needs no code");
    }

    @Test
    void customPathUploadStaysGuardedByItsScene() throws Exception {
        String url = pathOf(upload("cp.txt", Map.of("path", "shared/docs", "code", codeAtStep(0))));
        assertTrue(url.startsWith("/group1/shared/docs/"), url);
        assertEquals(401, outsider.get(server.base() + url).status());
        assertEquals(200, outsider.get(server.base() + url + "?code=" + codeAtStep(0)).status());
    }

    @Test
    void tusCreationInASceneWithASecretNeedsTheCodeInTheMetadata() throws Exception {
        String refused = "invalid request,error google code\n";
        Http.Resp none = TusCreation.post(server.url(), "filename", "t.txt", "scene", "secure");
        assertEquals(401, none.status());
        assertEquals(refused, none.text());
        Http.Resp defaultScene = TusCreation.post(server.url(), "filename", "t.txt");
        assertEquals(401, defaultScene.status(), "no scene means default_scene, which has a secret");
        assertEquals(401, TusCreation.post(server.url(), "filename", "t.txt", "code", notNearNow()).status());
        assertEquals(201, TusCreation.post(server.url(), "filename", "t.txt", "scene", "secure", "code", codeAtStep(0)).status());
        assertEquals(201, TusCreation.post(server.url(), "filename", "t.txt", "scene", "default").status());
    }

    static String pathOf(Http.Resp uploadReply) {
        assertEquals(200, uploadReply.status(), uploadReply.text());
        String u = uploadReply.text();
        String noQuery = u.substring(0, u.indexOf('?'));
        String path = noQuery.substring(server.base().length());
        assertNotEquals("", path);
        return path;
    }
}
