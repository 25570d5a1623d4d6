package io.jfastdfs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthUrlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static HttpServer server;
    private static ExecutorService executor;
    private static String base;
    private static final AtomicInteger calls = new AtomicInteger();
    private static final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private static final AtomicReference<String> lastBody = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        reply("/ok", 200, "ok\n");
        reply("/json", 200, "{\"data\":\"ok\",\"message\":\"\",\"status\":\"ok\"}");
        reply("/json-not-ok", 200, "{\"data\":\"no\",\"message\":\"ok\",\"status\":\"ok\"}");
        reply("/json-array", 200, "[\"ok\"]");
        reply("/json-broken", 200, "{\"data\":\"ok\"");
        reply("/no", 200, "no");
        reply("/error", 500, "ok");
        reply("/huge", 200, " ".repeat(AuthUrl.MAX_REPLY_BYTES) + "ok");
        server.createContext("/slow", ex -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "ok");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        calls.set(0);
        lastHeaders.set(null);
        lastBody.set(null);
    }

    private static void reply(String path, int status, String body) {
        server.createContext(path, ex -> {
            calls.incrementAndGet();
            lastHeaders.set(ex.getRequestHeaders());
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, status, body);
        });
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static AuthUrl auth(String path) {
        return new AuthUrl(base + path, CLIENT, TIMEOUT, Duration.ZERO);
    }

    private static AuthUrl.AuthRequest request(String token) {
        return new AuthUrl.AuthRequest(token, "198.51.100.7", Map.of("User-Agent", "curl/8"),
                Map.of("md5", "abc"), "/group1/delete", "POST");
    }

    @Test
    void plainOkAllows() {
        AuthUrl.Decision d = auth("/ok").check(request("abc"));
        assertTrue(d.allowed());
        assertEquals("ok\n", d.body());
        assertTrue(auth("/ok").allow(request("abc")));
    }

    @Test
    void jsonEnvelopeWithDataOkAllows() {
        assertTrue(auth("/json").allow(request("abc")));
    }

    @Test
    void anythingElseRefusesWithTheServersReply() {
        AuthUrl.Decision no = auth("/no").check(request("abc"));
        assertFalse(no.allowed());
        assertEquals("no", no.body());
        assertFalse(auth("/json-not-ok").allow(request("abc")));
        assertFalse(auth("/json-array").allow(request("abc")));
        assertFalse(auth("/json-broken").allow(request("abc")));
    }

    @Test
    void non2xxRefusesEvenWithOkBody() {
        AuthUrl.Decision d = auth("/error").check(request("abc"));
        assertFalse(d.allowed());
        assertEquals("ok", d.body());
    }

    @Test
    void oversizedReplyRefuses() {
        assertFalse(auth("/huge").allow(request("abc")));
    }

    @Test
    void timeoutRefusesWithinTheTimeout() {
        AuthUrl slow = new AuthUrl(base + "/slow", CLIENT, Duration.ofMillis(200), Duration.ofMinutes(1));
        long start = System.nanoTime();
        AuthUrl.Decision d = slow.check(request("abc"));
        assertFalse(d.allowed());
        assertEquals("", d.body());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "waited for the slow server, not the 200 ms timeout");
    }

    @Test
    void unreachableServerRefuses() throws IOException {
        int port = TestServer.freePort();
        AuthUrl closed = new AuthUrl("http://127.0.0.1:" + port + "/auth", CLIENT, TIMEOUT, Duration.ZERO);
        assertFalse(closed.allow(request("abc")));
    }

    @Test
    void missingTokenIsRefusedWithoutACall() {
        assertFalse(auth("/ok").allow(request(null)));
        assertFalse(auth("/ok").allow(request("")));
        assertEquals(0, calls.get());
    }

    @Test
    void forwardsClientHeadersExceptConnectionOnesPlusTokenAndClientIp() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "curl/8");
        headers.put("X-Custom", "v1");
        headers.put("Cookie", "session=1");
        headers.put("Host", "evil.example");
        headers.put("Content-Type", "multipart/form-data; boundary=x");
        headers.put("Content-Length", "999");
        headers.put("Transfer-Encoding", "chunked");
        headers.put("Connection", "close");
        headers.put("Expect", "100-continue");
        headers.put("Upgrade", "h2c");
        headers.put("TE", "trailers");
        headers.put("Keep-Alive", "timeout=5");
        headers.put("Auth-Token", "client-copy");
        headers.put("X-Real-IP", "127.0.0.1");
        headers.put("Bad Name", "x");
        headers.put("X-Bad-Value", "a\r\nInjected: 1");
        AuthUrl.AuthRequest r = new AuthUrl.AuthRequest("abc", "198.51.100.7", headers, Map.of(), "/p", "GET");
        assertTrue(auth("/ok").allow(r));

        Headers got = lastHeaders.get();
        assertEquals("curl/8", got.getFirst("User-Agent"));
        assertEquals("v1", got.getFirst("X-Custom"));
        assertEquals("session=1", got.getFirst("Cookie"));
        assertEquals("127.0.0.1:" + server.getAddress().getPort(), got.getFirst("Host"));
        assertEquals("application/x-www-form-urlencoded", got.getFirst("Content-Type"));
        assertEquals(List.of("abc"), got.get("Auth-Token"));
        assertEquals(List.of("198.51.100.7"), got.get("X-Real-IP"));
        assertEquals(String.valueOf(lastBody.get().length()), got.getFirst("Content-Length"));
        assertFalse("close".equals(got.getFirst("Connection")));
        assertNull(got.getFirst("Transfer-Encoding"));
        assertNull(got.getFirst("Expect"));
        assertNull(got.getFirst("Upgrade"));
        assertNull(got.getFirst("TE"));
        assertNull(got.getFirst("Keep-Alive"));
        assertNull(got.getFirst("Injected"));
        assertNull(got.getFirst("X-Bad-Value"));
    }

    @Test
    void bodyCarriesTokenParamsPathAndMethodFormEncoded() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("md5", "a b&c=d");
        params.put("scene", "默认");
        params.put("__path__", "/spoofed");
        params.put("auth_token", "spoofed");
        AuthUrl.AuthRequest r = new AuthUrl.AuthRequest("t+k", "198.51.100.7", Map.of(), params,
                "/group1/del ete", "POST");
        assertTrue(auth("/ok").allow(r));
        assertEquals("auth_token=t%2Bk&md5=a+b%26c%3Dd&scene=%E9%BB%98%E8%AE%A4&__path__=%2Fgroup1%2Fdel+ete"
                + "&__method__=POST", lastBody.get());
    }

    @Test
    void cacheAnswersRepeatsUntilTtlExpires() {
        AtomicLong clock = new AtomicLong();
        AuthUrl cached = new AuthUrl(base + "/ok", CLIENT, TIMEOUT, Duration.ofSeconds(10), 100, clock::get);
        assertTrue(cached.allow(request("abc")));
        assertTrue(cached.allow(request("abc")));
        assertEquals(1, calls.get());
        assertTrue(cached.allow(new AuthUrl.AuthRequest("abc", "198.51.100.7", Map.of(), Map.of("md5", "other"),
                "/group1/delete", "POST")));
        assertEquals(2, calls.get());
        assertTrue(cached.allow(new AuthUrl.AuthRequest("abc", "198.51.100.9", Map.of(), Map.of("md5", "abc"),
                "/group1/delete", "POST")));
        assertEquals(3, calls.get());
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(cached.allow(request("abc")));
        assertEquals(4, calls.get());
    }

    @Test
    void refusalsAreCachedButTransportFailuresAreNot() throws IOException {
        AtomicLong clock = new AtomicLong();
        AuthUrl no = new AuthUrl(base + "/no", CLIENT, TIMEOUT, Duration.ofSeconds(10), 100, clock::get);
        AuthUrl.Decision first = no.check(request("abc"));
        assertEquals(first, no.check(request("abc")));
        assertEquals(1, calls.get());

        int port = TestServer.freePort();
        AuthUrl closed = new AuthUrl("http://127.0.0.1:" + port + "/", CLIENT, TIMEOUT, Duration.ofSeconds(10));
        assertFalse(closed.allow(request("abc")));
        HttpServer late = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        late.createContext("/", ex -> send(ex, 200, "ok"));
        late.start();
        try {
            assertTrue(closed.allow(request("abc")));
        } finally {
            late.stop(0);
        }
    }

    @Test
    void cacheIsBounded() {
        AtomicLong clock = new AtomicLong();
        AuthUrl cached = new AuthUrl(base + "/ok", CLIENT, TIMEOUT, Duration.ofHours(1), 3, clock::get);
        for (int i = 0; i <= 3; i++) {
            cached.allow(new AuthUrl.AuthRequest("t" + i, null, null, null, "/p", "GET"));
        }
        int before = calls.get();
        cached.allow(new AuthUrl.AuthRequest("t3", null, null, null, "/p", "GET"));
        cached.allow(new AuthUrl.AuthRequest("t1", null, null, null, "/p", "GET"));
        assertEquals(before, calls.get(), "the three newest entries are still cached");
        cached.allow(new AuthUrl.AuthRequest("t0", null, null, null, "/p", "GET"));
        assertEquals(before + 1, calls.get(), "oldest entry evicted");
    }

    @Test
    void rejectsNonHttpUrls() {
        assertThrows(IllegalArgumentException.class, () -> new AuthUrl("ftp://x/", CLIENT, TIMEOUT, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new AuthUrl("/relative", CLIENT, TIMEOUT, Duration.ZERO));
    }

    @Test
    void okDetectionIsExact() {
        assertTrue(AuthUrl.isOk("  ok \r\n"));
        assertTrue(AuthUrl.isOk("{\"data\":\"ok\"}"));
        assertFalse(AuthUrl.isOk("OK"));
        assertFalse(AuthUrl.isOk("okay"));
        assertFalse(AuthUrl.isOk("\"ok\""));
        assertFalse(AuthUrl.isOk("{\"status\":\"ok\"}"));
        assertFalse(AuthUrl.isOk("{\"data\":{\"data\":\"ok\"}}"));
        assertFalse(AuthUrl.isOk(""));
    }
}
