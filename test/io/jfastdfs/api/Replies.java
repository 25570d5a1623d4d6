package io.jfastdfs.api;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected reply literals of API.md §1.3 written out by hand, and small readers of replies. */
final class Replies {
    static final String TEXT = "text/plain; charset=utf-8";

    private Replies() {}

    /** The pretty envelope with {@code data: null}, byte for byte. */
    static String envelope(String status, String message) {
        return "{\n  \"data\": null,\n  \"message\": \"" + message + "\",\n  \"status\": \"" + status + "\"\n}";
    }

    static String fail(String message) {
        return envelope("fail", message);
    }

    /** Asserts a 200 text/plain reply whose body is exactly {@code body}. */
    static void assertText(Http.Resp r, String body) {
        assertEquals(body, r.text());
        assertEquals(200, r.status(), body);
        assertEquals(TEXT, r.header("Content-Type"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Http.Resp r) {
        return (Map<String, Object>) Json.parse(r.text());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Http.Resp r) {
        return (Map<String, Object>) json(r).get("data");
    }

    /** Uploads with output=json and returns the parsed FileResult. */
    static Map<String, Object> upload(String groupUrl, String name, byte[] content, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("output", "json");
        Http.Resp r = Http.upload(groupUrl + "/upload", name, content, f);
        assertEquals(200, r.status(), r.text());
        return json(r);
    }

    /** "yyyyMMdd/HH/mm" of a Unix time in local time: the dated directories of API.md §3.1. */
    static String dateDirs(long unixSeconds) {
        return DateTimeFormatter.ofPattern("yyyyMMdd/HH/mm")
                .format(LocalDateTime.ofInstant(Instant.ofEpochSecond(unixSeconds), ZoneId.systemDefault()));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** Every regular file under the data dir's files/ (relative, '/'-separated). */
    static List<String> storedFiles(Path dataDir) throws IOException {
        return Files2.listFiles(dataDir.resolve("files"));
    }

    /**
     * Client mistakes never reach fileserver.log as errors (DESIGN.md: one place turns them into
     * answers); any "[ERR]" line there means a request hit a server fault.
     */
    static void assertNoServerFaults(Path dataDir) throws IOException, InterruptedException {
        Thread.sleep(300); // the log flushes every 200 ms
        List<String> errors = Files.readAllLines(dataDir.resolve("log/fileserver.log")).stream()
                .filter(l -> l.contains("[ERR]")).toList();
        assertEquals(List.of(), errors);
    }

    /** Files in files/_tmp (temp upload data). */
    static List<String> tempFiles(Path dataDir) throws IOException {
        Path tmp = dataDir.resolve("files/_tmp");
        return Files.isDirectory(tmp) ? Files2.listFiles(tmp) : List.of();
    }
}
