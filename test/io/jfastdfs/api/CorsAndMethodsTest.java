package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** CORS of API.md §1.6 on every public answer, OPTIONS preflight, and the method rules of §1.2. */
class CorsAndMethodsTest {
    static final String ALLOW_HEADERS = "Authorization, Content-Type, Depth, User-Agent, X-File-Size, X-Requested-With, "
            + "X-Requested-By, If-Modified-Since, X-File-Name, X-File-Type, Cache-Control, Origin, Auth-Token";
    static TestServer server;
    static String fileUrl;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("cors_allow_origins", List.of("*", "http://admin.example")));
        Replies.upload(server.url(), "c.txt", "cors file".getBytes(StandardCharsets.UTF_8), Map.of("path", "cors"));
        fileUrl = server.url() + "/cors/c.txt";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertStarCors(Http.Resp r, String what) {
        assertEquals("*", r.header("Access-Control-Allow-Origin"), what);
        assertNull(r.header("Access-Control-Allow-Credentials"), what + ": never credentials with *");
        assertEquals(ALLOW_HEADERS, r.header("Access-Control-Allow-Headers"), what);
        assertEquals("GET, POST, OPTIONS, PUT, DELETE", r.header("Access-Control-Allow-Methods"), what);
        assertEquals("Authorization", r.header("Access-Control-Expose-Headers"), what);
    }

    @Test
    void publicAnswersCarryCorsHeadersWithoutAnOrigin() throws Exception {
        assertStarCors(Http.get(server.url() + "/status"), "status");
        assertStarCors(Http.get(fileUrl), "download");
        assertStarCors(Http.get(server.url() + "/cors/missing.txt"), "download 404");
        assertStarCors(Http.upload(server.url() + "/upload", "u.txt", "cors upload".getBytes(StandardCharsets.UTF_8)), "upload");
        assertStarCors(Http.get(server.url() + "/upload?md5=x"), "second pass");
        assertStarCors(Http.get(server.url() + "/check_file_exist?md5=x"), "check_file_exist");
        assertStarCors(Http.get(server.url() + "/check_files_exist?md5s=x"), "check_files_exist");
        assertStarCors(Http.get(server.url() + "/%2e%2e/x"), "refused path");
    }

    @Test
    void anOriginIsReflectedWithCredentials() throws Exception {
        Http.Resp r = Http.get(server.url() + "/status", "Origin", "http://app.example");
        assertEquals("http://app.example", r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin", r.header("Vary"));
    }

    @Test
    void adminAnswersReflectOnlyExplicitlyListedOrigins() throws Exception {
        assertNull(Http.get(server.url() + "/stat").header("Access-Control-Allow-Origin"));
        assertNull(Http.get(server.url() + "/stat", "Origin", "http://app.example").header("Access-Control-Allow-Origin"));
        Http.Resp listed = Http.get(server.url() + "/stat", "Origin", "http://admin.example");
        assertEquals("http://admin.example", listed.header("Access-Control-Allow-Origin"));
        assertEquals("true", listed.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void preflightIs200WithAnEmptyBodyOnEveryRoute() throws Exception {
        for (String path : new String[] {"/upload", "/status", "/cors/c.txt", "/delete"}) {
            Http.Resp r = Http.method("OPTIONS", server.url() + path, "Origin", "http://app.example",
                    "Access-Control-Request-Method", "POST");
            assertEquals(200, r.status(), path);
            assertEquals(0, r.body().length, path);
        }
        Http.Resp pre = Http.method("OPTIONS", server.url() + "/upload", "Origin", "http://app.example");
        assertEquals("http://app.example", pre.header("Access-Control-Allow-Origin"));
        assertEquals("86400", pre.header("Access-Control-Max-Age"));
        assertEquals(ALLOW_HEADERS, pre.header("Access-Control-Allow-Headers"));
    }

    @Test
    void crossOriginOffSendsNoCorsHeaders() throws Exception {
        try (TestServer off = TestServer.start(Map.of("enable_cross_origin", false))) {
            assertNull(Http.get(off.url() + "/status", "Origin", "http://app.example").header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void getAndPostAreInterchangeableOnActions() throws Exception {
        assertEquals("ok", Replies.json(Http.postForm(server.url() + "/status", Map.of())).get("status"));
        assertEquals("ok", Replies.json(Http.get(server.url() + "/stat")).get("status"));
        assertEquals(Replies.fail("md5 unvalid"), Http.postForm(server.url() + "/delete", Map.of("md5", "short")).text());
    }

    @Test
    void otherMethodsAre405WithAnEmptyBody() throws Exception {
        for (String[] mp : new String[][] {{"PUT", "/status"}, {"DELETE", "/delete?md5=x"}, {"PATCH", "/upload"},
            {"POST", "/cors/c.txt"}, {"DELETE", "/cors/c.txt"}, {"PUT", "/"}}) {
            Http.Resp r = Http.method(mp[0], server.url() + mp[1]);
            assertEquals(405, r.status(), mp[0] + " " + mp[1]);
            assertEquals(0, r.body().length, mp[0] + " " + mp[1]);
            String allow = mp[1].startsWith("/cors") || mp[1].equals("/") ? "GET, HEAD, OPTIONS" : "GET, OPTIONS, POST";
            assertEquals(allow, r.header("Allow"), mp[0] + " " + mp[1]);
        }
        assertEquals(200, Http.get(fileUrl).status(), "the file is untouched");
    }
}
