package io.jfastdfs.http;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random requests against every route family: odd methods, query values with NUL, backslashes
 * and percent signs, truncated and malformed multipart bodies, random tus headers, wrong Content-Length,
 * odd Ranges. Every one gets an answer that is not a server fault, what a random valid upload stored is
 * whole and indexed, nothing is logged as an error, and the node still serves afterwards.
 */
class ProtocolFuzzTest {
    static final int REQUESTS = 1500;
    static final String[] PATHS = {"/group1/upload", "/upload", "/group1/big/upload/", "/group1/big/upload/abc",
        "/group1/delete", "/group1/get_file_info", "/group1/list_dir", "/group1/stat", "/group1/status",
        "/group1/reload", "/group1/check_files_exist", "/group1/search", "/group1/repair_stat",
        "/group1/default/x.txt", "/group1/_peer/events", "/group1/static/x", "/", "/group1/report",
        "/group1/metrics", "/group1/gen_google_code", "/group1/sync", "/group1/backup", "/group1/upload.html"};
    static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "HEAD", "OPTIONS", "DELETE", "TRACE", "BREW"};
    static final String[] PARAMS = {"md5", "path", "dir", "kw", "action", "date", "name", "download", "output",
        "scene", "filename", "token", "timestamp", "md5s", "cfg", "key", "after", "limit", "from", "width"};
    static final String CHARS = "abc%/.\\\u0000\u0001\u00ff?&=;:\" \t-_0123456789";

    final Random random = new Random(20261127);

    @Test
    void randomRequestsNeverMeetAServerFault() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> faults = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                byte[] request = request();
                int status = send(server.port(), request);
                statuses.merge(status, 1, Integer::sum);
                if (status < 100 || status >= 500) {
                    faults.add(status + " for " + new String(request, 0, Math.min(200, request.length), StandardCharsets.ISO_8859_1));
                }
            }
            assertEquals(List.of(), faults, "statuses " + statuses);
            assertTrue(statuses.getOrDefault(400, 0) > REQUESTS / 4, "the requests were mostly refused as bad: " + statuses);
            // a random request may be a valid upload: whatever was stored is whole and indexed, no temp file is left
            for (String f : Files2.listFiles(server.dir().resolve("files"))) {
                assertFalse(f.startsWith("_tmp/"), "temp file left behind: " + f);
                if (f.startsWith("_big/")) continue; // a random tus creation's data file
                String md5 = Files2.md5(Files.readAllBytes(server.dir().resolve("files").resolve(f)));
                String info = Http.get(server.url() + "/get_file_info?md5=" + md5).text();
                assertTrue(info.contains("\"md5\": \"" + md5 + "\"") && info.contains("\"status\": \"ok\""), f + ": " + info);
            }
            Thread.sleep(300); // the log flushes every 200 ms
            String log = Files.readString(server.dir().resolve("log/fileserver.log"));
            assertFalse(log.contains("[ERR]"), log);
            assertEquals(200, send(server.port(), ("GET /group1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)), "the node still serves");
        }
    }

    private String junk(int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(max + 1); n > 0; n--) sb.append(CHARS.charAt(random.nextInt(CHARS.length())));
        return sb.toString();
    }

    private byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    private <T> T pick(T[] from) {
        return from[random.nextInt(from.length)];
    }

    /** One random request, whole. */
    private byte[] request() {
        StringBuilder target = new StringBuilder(pick(PATHS));
        if (random.nextInt(10) >= 3) {
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                target.append(target.indexOf("?") < 0 ? '?' : '&').append(pick(PARAMS)).append('=').append(junk(20));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (random.nextInt(5)) {
            case 0 -> multipart(headers, body);
            case 1 -> tus(headers, body);
            case 2 -> {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                body.writeBytes(junk(200).getBytes(StandardCharsets.ISO_8859_1));
            }
            case 3 -> {
                body.writeBytes(bytes(300));
                if (random.nextBoolean()) headers.put("Content-Type", junk(10));
            }
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            headers.put("Range", pick(new String[] {"bytes=0-1", "bytes=-5", "bytes=5-", "bytes=9-1", "bytes=a-b", "bytes=0-1,3-4"}));
        }
        String method = pick(METHODS);
        int length = random.nextInt(10) == 0 ? Math.max(0, body.size() + random.nextInt(56) - 5) : body.size();
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.size() > 0 || !(method.equals("GET") || method.equals("HEAD"))) head.append("Content-Length: ").append(length).append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private void multipart(Map<String, String> headers, ByteArrayOutputStream body) {
        String boundary = "----b" + random.nextInt(100);
        for (int n = random.nextInt(4); n > 0; n--) {
            String name = pick(new String[] {"file", "scene", "path", "filename", "output", "md5", junk(5)});
            String file = pick(new String[] {"", "; filename=\"" + junk(8) + "\"", "; filename*=UTF-8''%E4%B8%AD", "; filename=../../x"});
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" + file + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(bytes(200));
            body.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (random.nextInt(10) < 7) body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (random.nextInt(10) < 3) {
            byte[] whole = body.toByteArray();
            body.reset();
            body.write(whole, 0, random.nextInt(whole.length + 1));
        }
        headers.put("Content-Type", pick(new String[] {"multipart/form-data; boundary=" + boundary, "multipart/form-data",
            "multipart/form-data; boundary=\"" + boundary + "\"", "multipart/form-data; boundary="}));
    }

    private void tus(Map<String, String> headers, ByteArrayOutputStream body) {
        headers.put("Tus-Resumable", pick(new String[] {"1.0.0", "0.2", "", junk(3)}));
        for (String k : new String[] {"Upload-Length", "Upload-Offset", "Upload-Metadata", "Upload-Concat", "Upload-Checksum",
            "Upload-Defer-Length"}) {
            if (random.nextBoolean()) {
                headers.put(k, pick(new String[] {Long.toString(random.nextLong(-5, 1_000_000_000_000L)), junk(10),
                    "filename " + junk(6), "final;/group1/big/upload/x", "partial", "md5 " + junk(10), "1"}));
            }
        }
        headers.put("Content-Type", random.nextBoolean() ? "application/offset+octet-stream" : "text/plain");
        body.writeBytes(bytes(500));
    }

    /** Sends the bytes, ends the request side, and returns the status of the answer (0: none). */
    private static int send(int port, byte[] request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            try {
                s.getOutputStream().write(request);
                s.shutdownOutput();
            } catch (java.io.IOException answeredEarly) {
                // the server may answer and close before taking all of a bad request: its answer still counts
            }
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String line = new String(head, StandardCharsets.ISO_8859_1);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : 0;
        }
    }
}
