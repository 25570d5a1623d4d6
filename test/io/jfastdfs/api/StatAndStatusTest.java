package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stat (API.md §2.12), repair_stat (§2.15) and status (§2.13) on a node of its own, so the counters
 * are exact: two files of 10 and 20 bytes, one duplicate (not counted), one delete.
 */
class StatAndStatusTest {
    static TestServer server;
    static String today;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        today = DateTimeFormatter.ofPattern("yyyyMMdd").format(LocalDate.now());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String row(String pad, String date, long count, long size) {
        return pad + "{\n" + pad + "  \"date\": \"" + date + "\",\n" + pad + "  \"fileCount\": " + count + ",\n"
                + pad + "  \"totalSize\": " + size + "\n" + pad + "}";
    }

    private static String rows(String pad, long count, long size) {
        return "[\n" + row(pad + "  ", today, count, size) + ",\n" + row(pad + "  ", "all", count, size) + "\n" + pad + "]";
    }

    @Test
    void countersFollowUploadsDuplicatesAndDeletesInEveryShape() throws Exception {
        Replies.assertText(Http.get(server.url() + "/stat"),
                "{\n  \"data\": " + rows("  ", 0, 0) + ",\n  \"message\": \"\",\n  \"status\": \"ok\"\n}");
        byte[] ten = "0123456789".getBytes(StandardCharsets.UTF_8);
        byte[] twenty = "01234567890123456789".getBytes(StandardCharsets.UTF_8);
        Replies.upload(server.url(), "ten.txt", ten, Map.of());
        Replies.upload(server.url(), "twenty.txt", twenty, Map.of());
        Replies.upload(server.url(), "dup.txt", ten, Map.of());

        Replies.assertText(Http.get(server.url() + "/stat"),
                "{\n  \"data\": " + rows("  ", 2, 30) + ",\n  \"message\": \"\",\n  \"status\": \"ok\"\n}");
        Replies.assertText(Http.get(server.url() + "/stat?inner=1"), rows("", 2, 30));
        Replies.assertText(Http.postForm(server.url() + "/stat", Map.of("echart", "1")),
                "{\n  \"data\": {\n    \"barCount\": [\n      2,\n      2\n    ],\n    \"barSize\": [\n      30,\n      30\n"
                        + "    ],\n    \"category\": [\n      \"" + today + "\",\n      \"all\"\n    ]\n  },\n"
                        + "  \"message\": \"\",\n  \"status\": \"ok\"\n}");

        Http.get(server.url() + "/delete?md5=" + Files2.md5(twenty));
        Replies.assertText(Http.get(server.url() + "/stat?inner=1"), rows("", 1, 10));
        Replies.assertText(Http.get(server.url() + "/repair_stat"),
                "{\n  \"data\": " + row("  ", today, 1, 10).substring(2) + ",\n  \"message\": \"\",\n  \"status\": \"ok\"\n}");
    }

    @Test
    void repairStatRefusesDatesThatAreNotEightDigitsOfARealDay() throws Exception {
        for (String bad : new String[] {"2026-11-24", "20261332", "x20261124", "2026112"}) {
            Replies.assertText(Http.get(server.url() + "/repair_stat?date=" + bad), Replies.fail("invalid date"));
        }
        Replies.assertText(Http.get(server.url() + "/repair_stat?date=20010101"),
                "{\n  \"data\": " + row("  ", "20010101", 0, 0).substring(2) + ",\n  \"message\": \"\",\n  \"status\": \"ok\"\n}");
    }

    @Test
    void statusIsAPublicOkEnvelopeWithEveryDocumentedKey() throws Exception {
        Http.Resp r = Http.get(server.url() + "/status");
        assertEquals(200, r.status());
        assertEquals(Replies.TEXT, r.header("Content-Type"));
        Map<String, Object> env = Replies.json(r);
        assertEquals("ok", env.get("status"));
        assertEquals("", env.get("message"));
        Map<String, Object> d = Replies.data(r);
        for (String k : List.of("Fs.AutoRepair", "Fs.FileStats", "Fs.Local", "Fs.Peers", "Fs.QueueFileLog",
                "Fs.QueueFromPeers", "Fs.QueueToPeers", "Fs.QueueUpload", "Fs.RefreshInterval", "Fs.ShowDir",
                "Sys.NumCpu", "Sys.NumGoroutine", "Sys.Alloc", "Sys.HeapAlloc", "Sys.TotalAlloc", "Sys.Frees",
                "Sys.HeapObjects", "Sys.GCSys", "Sys.NumGC", "Sys.GCCPUFraction", "Sys.DiskInfo", "Sys.MemInfo")) {
            assertTrue(d.containsKey(k), "status lacks " + k + ": " + d.keySet());
        }
        assertEquals("http://127.0.0.1:8080", d.get("Fs.Local"));
        assertNull(d.get("Fs.Peers"), "a single node has no peers");
        assertEquals(true, d.get("Fs.AutoRepair"));
        assertEquals(false, d.get("Fs.ShowDir"));
        assertEquals(1800L, d.get("Fs.RefreshInterval"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), d.get("Sys.NumCpu"));
        @SuppressWarnings("unchecked")
        Map<String, Object> disk = (Map<String, Object>) d.get("Sys.DiskInfo");
        assertEquals("files", disk.get("path"));
        assertTrue(r.text().indexOf("\"Fs.AutoRepair\"") < r.text().indexOf("\"Sys.Alloc\""), "keys are sorted");
        assertEquals(200, Http.get(server.base() + "/status").status(), "the un-prefixed alias");
    }
}
