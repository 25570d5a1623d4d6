package io.jfastdfs.web;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.http.UrlCodec;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.JdkServers;
import io.jfastdfs.testkit.NodeScript;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload page and the report in a real browser: headless Chromium (test/js/pages.mjs) submits the
 * standard form, uploads through the page's tus client (8 MiB chunks; paused, resumed, and continued
 * after a reload on a throttled link), and uses the report's chart and a maintenance button. Every
 * upload is then checked against the server by its bytes.
 */
class WebPagesBrowserTest {
    @Test
    void uploadPageAndReportWorkInHeadlessChromium() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<?, ?> out = runPages(server.url(), "form,tus,resume,report");
            checkForm(server, (Map<?, ?>) out.get("form"), SMALL);
            checkTus((Map<?, ?>) out.get("tus"), TUS);
            checkPauseReloadResume((Map<?, ?>) out.get("resume"), RESUMED);
            checkReport((Map<?, ?>) out.get("report"), SMALL.length + TUS.length + RESUMED.length);
        }
    }

    /** With support_group_manage off the pages live at the root and post to /upload and /big/upload/. */
    @Test
    void theUploadPageWorksWithoutAGroupPrefix() throws Exception {
        try (TestServer server = TestServer.start(Map.of("support_group_manage", false))) {
            Map<?, ?> out = runPages(server.base(), "form,tus");
            checkForm(server, (Map<?, ?>) out.get("form"), SMALL);
            checkTus((Map<?, ?>) out.get("tus"), TUS);
            assertTrue(((String) ((Map<?, ?>) out.get("tus")).get("url")).startsWith(server.base() + "/default/"),
                    String.valueOf(out.get("tus")));
        }
    }

    /** The page's auth_token field reaches auth_url from the form (header) and from the tus uploader (metadata). */
    @Test
    void theUploadPageSendsItsAuthTokenToAuthUrl() throws Exception {
        HttpServer auth = JdkServers.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/auth", ex -> {
            Map<String, String> form = new HashMap<>();
            UrlCodec.parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), form);
            byte[] answer = ("good".equals(form.get("auth_token")) ? "ok" : "denied").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        auth.start();
        String authUrl = "http://127.0.0.1:" + auth.getAddress().getPort() + "/auth";
        try (TestServer server = TestServer.start(Map.of("auth_url", authUrl))) {
            Map<?, ?> out = (Map<?, ?>) runPages(server.url(), "auth").get("auth");
            assertEquals(List.of(), out.get("errors"));
            assertTrue(((String) out.get("formWithout")).startsWith("Failed (HTTP 401): auth fail"), String.valueOf(out));
            assertTrue(((String) out.get("tusWithout")).startsWith("Failed: "), String.valueOf(out));
            assertEquals("Uploaded (HTTP 200)", out.get("formWith"));
            assertTrue(((String) out.get("tusWith")).startsWith("Done, md5 " + Files2.md5(TUS)), String.valueOf(out));
            for (Object status : (List<?>) out.get("statuses")) {
                assertEquals(401L, ((Number) status).longValue(), "only the refusals failed: " + out.get("statuses"));
            }
        } finally {
            auth.stop(0);
        }
    }

    private static final byte[] SMALL = "hello 世界 from a browser\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TUS = random(10 << 20, 1);
    private static final byte[] RESUMED = random(20 << 20, 2);

    /** Runs test/js/pages.mjs against {@code pagesUrl} (the group URL, or the root without groups). */
    private static Map<?, ?> runPages(String pagesUrl, String scenarios) throws Exception {
        NodeScript.requirePackage("@sparticuz/chromium");
        NodeScript.requirePackage("puppeteer-core");
        Path work = Files.createTempDirectory("jfastdfs-pages");
        try {
            Path smallFile = Files.write(work.resolve("small.txt"), SMALL);
            Path tusFile = Files.write(work.resolve("tus10.bin"), TUS);
            Path resumeFile = Files.write(work.resolve("resume20.bin"), RESUMED);
            NodeScript.Result r = NodeScript.run(Duration.ofMinutes(3), "pages.mjs", pagesUrl,
                    smallFile.toString(), tusFile.toString(), resumeFile.toString(), scenarios);
            assertEquals(0, r.exit(), r.output());
            String json = r.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            return (Map<?, ?>) Json.parse(json);
        } finally {
            Files2.deleteTree(work);
        }
    }

    private static void checkForm(TestServer server, Map<?, ?> form, byte[] content) throws Exception {
        assertEquals(List.of(), form.get("errors"));
        assertEquals(List.of(), form.get("statuses"), "no request of the page failed");
        assertEquals(Map.of("scene", "default", "filename", "", "output", "json2", "path", "", "code", "",
                "auth_token", ""), form.get("defaults"), "the form's fields and their defaults (API.md §2.17)");
        assertEquals("Uploaded (HTTP 200)", form.get("line"));
        Map<?, ?> reply = (Map<?, ?>) Json.parse((String) form.get("reply"));
        assertEquals("ok", reply.get("status"));
        Map<?, ?> data = (Map<?, ?>) reply.get("data");
        assertEquals("browser", data.get("scene"));
        assertEquals(Files2.md5(content), data.get("md5"));
        assertTrue(((String) data.get("path")).endsWith("/报告 1.txt"), "stored under the typed UTF-8 name: " + data.get("path"));
        assertEquals(Files2.md5(content), Files2.md5(Http.get((String) form.get("url")).body()), "the link on the page");
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Json.parse(Http.get(server.base() + "/get_file_info?md5="
                + data.get("md5")).text())).get("data");
        assertEquals("small.txt", info.get("name"));
        assertEquals("报告 1.txt", info.get("rename"));
    }

    private static void checkTus(Map<?, ?> tus, byte[] content) throws Exception {
        assertEquals(List.of(), tus.get("errors"));
        assertEquals(List.of(), tus.get("statuses"), "no request of the page failed");
        assertTrue(((String) tus.get("status")).startsWith("Done, md5 " + Files2.md5(content)), (String) tus.get("status"));
        assertEquals(Files2.md5(content), Files2.md5(Http.get((String) tus.get("url")).body()));
        assertEquals(List.of("POST", "PATCH 0", "PATCH 8388608"), steps(tus), "creation, then two 8 MiB chunks");
    }

    private static void checkPauseReloadResume(Map<?, ?> resume, byte[] content) throws Exception {
        assertEquals(List.of(), resume.get("errors"));
        // right after an aborted PATCH the server may still hold the upload (423) or be writing its last
        // bytes (409 for an offset read a moment early): tus answers the client retries, nothing else
        for (Object status : (List<?>) resume.get("statuses")) {
            assertTrue(List.of(409L, 423L).contains(((Number) status).longValue()), "statuses " + resume.get("statuses"));
        }
        assertEquals("Resume", resume.get("buttonWhilePaused"));
        assertTrue(((Number) resume.get("pausedAt")).longValue() < 100, "paused before the end");
        List<?> stored = (List<?>) resume.get("stored");
        assertEquals(1, stored.size(), "the upload URL is kept in localStorage: " + stored);
        List<?> requests = (List<?>) resume.get("requests");
        for (Object o : requests.subList(1, requests.size())) {
            assertEquals(stored.get(0), ((Map<?, ?>) o).get("url"), "one upload from start to end: " + requests);
        }
        List<String> steps = steps(resume);
        assertEquals("POST", steps.get(0));
        assertEquals("PATCH 0", steps.get(1));
        int afterReload = steps.lastIndexOf("HEAD");
        assertTrue(afterReload > 2 && steps.indexOf("HEAD") < afterReload,
                "a HEAD after the pause and another after the reload: " + steps);
        long resumedFrom = Long.parseLong(steps.get(afterReload + 1).substring("PATCH ".length()));
        assertTrue(resumedFrom > 0, "continued from what the server kept, not from 0: " + steps);
        assertTrue(((String) resume.get("status")).startsWith("Done, md5 " + Files2.md5(content)), (String) resume.get("status"));
        assertEquals(Files2.md5(content), Files2.md5(Http.get((String) resume.get("url")).body()));
    }

    private static void checkReport(Map<?, ?> report, long totalBytes) {
        assertEquals(List.of(), report.get("errors"));
        assertEquals(List.of(), report.get("statuses"), "no request of the page failed");
        assertEquals("Total files: 3Total size: " + String.format(java.util.Locale.ROOT, "%.1f", totalBytes / 1048576.0) + " MB", report.get("totals"));
        assertEquals(1L, ((Number) report.get("countBars")).longValue());
        assertEquals(1L, ((Number) report.get("sizeBars")).longValue());
        List<?> rows = (List<?>) report.get("rows");
        assertEquals(1, rows.size());
        assertEquals(List.of(LocalDate.now().toString(), "3"), ((List<?>) rows.get(0)).subList(0, 2));
        Map<?, ?> action = (Map<?, ?>) report.get("action");
        assertEquals("ok", action.get("cls"), String.valueOf(action.get("text")));
        assertTrue(((String) action.get("text")).startsWith("remove_empty_dir → ok"), (String) action.get("text"));
        assertEquals("Remove empty directories: 1 request(s), 0 failed", report.get("actionStatus"));
    }

    /** The tus requests of a page as "POST", "HEAD", "PATCH <offset>". */
    private static List<String> steps(Map<?, ?> scenario) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) scenario.get("requests")) {
            Map<?, ?> req = (Map<?, ?>) o;
            out.add(req.get("method") + (req.get("method").equals("PATCH") ? " " + req.get("offset") : ""));
        }
        return out;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
