package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** log/access.log (API.md §6.2): one line per request with time, duration, client, method, status, URI, bytes. */
class AccessLogLinesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    /** The lines mentioning {@code marker}, waiting for the log's periodic flush. */
    private static List<String> linesWith(String marker, int expected) throws Exception {
        Path log = server.dir().resolve("log/access.log");
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> found = List.of();
        while (System.currentTimeMillis() < deadline) {
            found = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(marker)).toList();
            if (found.size() >= expected) break;
            Thread.sleep(50);
        }
        return found;
    }

    private static Pattern line(String client, String method, int status, String uri, long bytes) {
        return Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INF] \\[access] \\d{4}/\\d\\d/\\d\\d - "
                + "\\d\\d:\\d\\d:\\d\\d \\| \\d+(\\.\\d+)?(ns|µs|ms|s) \\| " + Pattern.quote(client) + " \\| " + method
                + " \\| " + status + " \\|" + Pattern.quote(uri) + " \\| " + bytes);
    }

    @Test
    void everyRequestLogsOneLineWithItsRealStatusAndBytes() throws Exception {
        Http.Resp status = Http.get(server.url() + "/status?marker=a1");
        Http.get(server.url() + "/nothing/here.txt?marker=a2");
        Http.head(server.url() + "/status?marker=a3");
        RawHttp.get("127.0.0.2", server.port(), "/group1/stat?marker=a4");

        List<String> a1 = linesWith("marker=a1", 1);
        assertEquals(1, a1.size(), a1.toString());
        assertTrue(line("127.0.0.1", "GET", 200, "/group1/status?marker=a1", status.body().length).matcher(a1.get(0)).matches(), a1.get(0));
        List<String> a2 = linesWith("marker=a2", 1);
        assertTrue(line("127.0.0.1", "GET", 404, "/group1/nothing/here.txt?marker=a2", 0).matcher(a2.get(0)).matches(), a2.get(0));
        List<String> a3 = linesWith("marker=a3", 1);
        assertTrue(line("127.0.0.1", "HEAD", 405, "/group1/status?marker=a3", 0).matcher(a3.get(0)).matches(), a3.get(0));
        List<String> a4 = linesWith("marker=a4", 1);
        assertEquals(1, a4.size());
        assertTrue(a4.get(0).contains(" | 127.0.0.2 | GET | 200 |/group1/stat?marker=a4 | "), a4.get(0));
    }

    @Test
    void uploadsAreLoggedWithThePostMethod() throws Exception {
        Http.Resp r = Http.upload(server.url() + "/upload?marker=b1", "log.txt", "logged".getBytes(StandardCharsets.UTF_8));
        List<String> b1 = linesWith("marker=b1", 1);
        assertEquals(1, b1.size());
        assertTrue(line("127.0.0.1", "POST", 200, "/group1/upload?marker=b1", r.body().length).matcher(b1.get(0)).matches(), b1.get(0));
    }
}
