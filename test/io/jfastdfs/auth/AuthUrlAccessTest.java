package io.jfastdfs.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * auth_url (API.md §6.5) through real HTTP: a tiny auth server in the test answers by token —
 * "good" → ok, "json" → {"data":"ok"}, "slow" → ok after the node's 10 s timeout, anything else → "denied".
 */
class AuthUrlAccessTest {
    static final String AUTH_FAIL = "{\n  \"data\": null,\n  \"message\": \"auth fail\",\n  \"status\": \"fail\"\n}";
    static HttpServer authServer;
    static ExecutorService authThreads;
    static TestServer node;
    static TestServer deadAuthNode;
    static final LoopbackClient outsider = new LoopbackClient("127.0.0.9");
    static final AtomicInteger authCalls = new AtomicInteger();
    static final AtomicReference<Map<String, String>> lastForm = new AtomicReference<>();
    static final AtomicReference<String> lastRealIp = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        authServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        authThreads = Executors.newVirtualThreadPerTaskExecutor();
        authServer.setExecutor(authThreads);
        authServer.createContext("/auth", AuthUrlAccessTest::judge);
        authServer.start();
        String authUrl = "http://127.0.0.1:" + authServer.getAddress().getPort() + "/auth";
        node = TestServer.start(Map.of("auth_url", authUrl, "enable_download_auth", true));
        int closed = TestServer.freePort();
        deadAuthNode = TestServer.start(Map.of("auth_url", "http://127.0.0.1:" + closed + "/auth",
                "enable_download_auth", true));
    }

    @AfterAll
    static void stop() {
        node.close();
        deadAuthNode.close();
        authServer.stop(0);
        authThreads.shutdownNow();
    }

    private static void judge(HttpExchange ex) throws IOException {
        authCalls.incrementAndGet();
        Map<String, String> form = new HashMap<>();
        io.jfastdfs.http.UrlCodec.parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), form);
        lastForm.set(form);
        lastRealIp.set(ex.getRequestHeaders().getFirst("X-Real-IP"));
        String token = String.valueOf(ex.getRequestHeaders().getFirst("Auth-Token"));
        String answer = switch (token) {
            case "good" -> "ok\n";
            case "json" -> "{\"data\":\"ok\",\"message\":\"\",\"status\":\"ok\"}";
            case "slow" -> {
                try {
                    Thread.sleep(12_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield "ok";
            }
            default -> "denied";
        };
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    static Http.Resp upload(TestServer s, String query, String name, String... headers) throws Exception {
        Http.Multipart m = new Http.Multipart();
        m.file("file", name, ("content of " + name).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + "/upload" + query))
                .header("Content-Type", m.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(m.body()));
        if (headers.length > 0) b.headers(headers);
        return Http.send(b);
    }

    static void assertAuthFail(Http.Resp r) {
        assertEquals(401, r.status());
        assertEquals(AUTH_FAIL, r.text());
    }

    static void assertEmpty401(Http.Resp r) {
        assertEquals(401, r.status());
        assertEquals(0, r.body().length);
    }

    /** Uploads with a good token and answers the stored file's download path. */
    static String stored(String name) throws Exception {
        Http.Resp r = upload(node, "?output=json", name, "Auth-Token", "good");
        assertEquals(200, r.status(), r.text());
        return (String) ((Map<?, ?>) Json.parse(r.text())).get("path");
    }

    @Test
    void uploadIsAllowedOnlyOnAnExactOkAnswer() throws Exception {
        Http.Resp ok = upload(node, "", "a.txt", "Auth-Token", "good");
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.text().startsWith(node.base() + "/group1/default/"), ok.text());
        assertEquals(200, upload(node, "", "b.txt", "Auth-Token", "json").status());
        assertAuthFail(upload(node, "", "c.txt", "Auth-Token", "bad"));
        assertTrue(io.jfastdfs.testkit.Files2.listFiles(node.dir().resolve("files")).stream()
                .noneMatch(f -> f.endsWith("c.txt")), "a refused upload stores nothing");
    }

    @Test
    void tokenMayComeFromEitherHeaderOrTheQuery() throws Exception {
        assertEquals(200, upload(node, "", "h.txt", "auth_token", "good").status());
        assertEquals(200, upload(node, "?auth_token=good", "q.txt").status());
        assertAuthFail(upload(node, "?auth_token=bad", "q2.txt"));
    }

    @Test
    void missingTokenIsRefusedWithoutAskingTheAuthServer() throws Exception {
        int before = authCalls.get();
        assertAuthFail(upload(node, "", "none.txt"));
        assertEquals(before, authCalls.get());
    }

    @Test
    void multipartFieldAloneCarriesNoTokenBecauseTheDecisionPrecedesTheBody() throws Exception {
        Http.Multipart m = new Http.Multipart().field("auth_token", "good");
        m.file("file", "f.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertAuthFail(m.post(node.url() + "/upload"));
    }

    @Test
    void authServerGetsTokenParametersPathMethodAndClientIp() throws Exception {
        String marker = "m" + System.nanoTime();
        Http.Resp r = outsider.upload(node.url() + "/upload?auth_token=good&marker=" + marker, "p.txt",
                "never forwarded".getBytes(StandardCharsets.UTF_8), Map.of("scene", "default"));
        assertEquals(200, r.status(), r.text());
        Map<String, String> form = lastForm.get();
        assertEquals("good", form.get("auth_token"));
        assertEquals(marker, form.get("marker"));
        assertEquals("/group1/upload", form.get("__path__"));
        assertEquals("POST", form.get("__method__"));
        assertFalse(form.containsValue("never forwarded"));
        assertEquals("127.0.0.9", lastRealIp.get());
    }

    @Test
    void secondPassIsGuarded() throws Exception {
        byte[] content = "second pass content".getBytes(StandardCharsets.UTF_8);
        Http.Resp first = Http.upload(node.url() + "/upload?auth_token=good", "sp.txt", content);
        assertEquals(200, first.status(), first.text());
        String md5 = io.jfastdfs.testkit.Files2.md5(content);
        assertAuthFail(Http.get(node.url() + "/upload?md5=" + md5 + "&auth_token=bad"));
        assertAuthFail(Http.get(node.url() + "/upload?md5=" + md5));
        Http.Resp ok = Http.get(node.url() + "/upload?md5=" + md5, "Auth-Token", "good");
        assertEquals(first.text(), ok.text());
    }

    @Test
    void downloadsAskTheAuthServerUnlessTheCallerIsAdmin() throws Exception {
        String path = stored("dl.txt");
        byte[] content = "content of dl.txt".getBytes(StandardCharsets.UTF_8);
        assertEmpty401(outsider.get(node.base() + path));
        assertEmpty401(outsider.get(node.base() + path + "?auth_token=bad"));
        Http.Resp byQuery = outsider.get(node.base() + path + "?auth_token=good");
        assertEquals(200, byQuery.status());
        assertArrayEquals(content, byQuery.body());
        assertEquals(200, outsider.get(node.base() + path, "Auth-Token", "good").status());
        assertEquals(200, Http.get(node.base() + path).status(), "admins skip download auth");
    }

    @Test
    void deleteNeedsTheAuthServerEvenForAdmins() throws Exception {
        byte[] content = "content of del.txt".getBytes(StandardCharsets.UTF_8);
        String md5 = io.jfastdfs.testkit.Files2.md5(content);
        stored("del.txt");
        assertEmpty401(Http.get(node.url() + "/delete?md5=" + md5 + "&auth_token=bad"));
        assertEmpty401(Http.postForm(node.url() + "/delete", Map.of("md5", md5)));
        Http.Resp ok = Http.postForm(node.url() + "/delete", Map.of("md5", md5, "auth_token", "good"));
        assertEquals("remove success", ((Map<?, ?>) Json.parse(ok.text())).get("message"), ok.text());
    }

    @Test
    void tusCreationAsksTheAuthServerWithTheMetadataToken() throws Exception {
        int before = authCalls.get();
        Http.Resp missing = TusCreation.post(node.url(), "filename", "t.txt");
        assertEquals(401, missing.status());
        assertEquals("token auth fail,auth_token is not in http header Upload-Metadata,in uppy uppy.setMeta("
                + "{ auth_token: '9ee60e59-cb0f-4578-aaba-29b9fc2919ca' })\n", missing.text());
        assertEquals(before, authCalls.get(), "no token, no call");
        Http.Resp refused = TusCreation.post(node.url(), "filename", "t.txt", "auth_token", "bad");
        assertEquals(401, refused.status());
        assertEquals("denied", refused.text(), "the auth server's reply is the body");
        Http.Resp created = TusCreation.post(node.url(), "filename", "t.txt", "auth_token", "good");
        assertEquals(201, created.status(), created.text());
        assertTrue(created.header("Location").startsWith(node.url() + "/big/upload/"), created.header("Location"));
        assertEquals("t.txt", lastForm.get().get("filename"), "the metadata reaches the auth server");
        assertEquals(401, TusCreation.post(deadAuthNode.url(), "filename", "t.txt", "auth_token", "good").status());
    }

    @Test
    void authServerTimeoutRefuses() throws Exception {
        assertAuthFail(upload(node, "", "slow.txt", "Auth-Token", "slow"));
    }

    @Test
    void unreachableAuthServerRefuses() throws Exception {
        assertAuthFail(upload(deadAuthNode, "", "u.txt", "Auth-Token", "good"));
        Http.Resp admin = Http.upload(deadAuthNode.url() + "/upload", "u2.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertAuthFail(admin);
        assertEmpty401(outsider.get(deadAuthNode.url() + "/default/any/file.txt?auth_token=good"));
    }
}
