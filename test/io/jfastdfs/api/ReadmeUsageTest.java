package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.GuideSnippets;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Using it" block, run as written (only the port differs) against a real node. */
class ReadmeUsageTest {

    @Test
    void everyOneLinerOfTheReadmeWorksAsWritten() throws Exception {
        try (TestServer server = TestServer.start()) {
            String script = GuideSnippets.get("usage").replace("127.0.0.1:8080", "127.0.0.1:" + server.port());
            Path out = server.dir().resolve("usage.out");
            // curl prints no progress meter into this log when it sees a terminal; here it needs telling
            Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", "curl() { command curl -s \"$@\"; }\n" + script)
                    .directory(server.dir().toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the block did not finish");
            String o = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), o);
            String md5 = Files2.md5("hello jfastdfs\n".getBytes(StandardCharsets.UTF_8));
            String base = server.base() + "/group1/default/";
            assertTrue(o.startsWith(base) && o.contains("/hello.txt?name=hello.txt&download=1\n"), o);
            assertTrue(o.contains("\"path\": \"/group1/pics/"), "json2 reply with the scene: " + o);
            assertTrue(o.contains(server.base() + "/group1/my/dir/mine.txt?name=mine.txt&download=1"), o);
            assertTrue(o.contains("{\"url\":\"" + base), "compact second-pass reply: " + o);
            assertTrue(o.contains("\nhello\n"), "the ranged download: " + o);
            assertTrue(o.contains("HTTP/1.1 200 OK") && o.toLowerCase().contains("content-type: text/plain; charset=utf-8"), o);
            assertTrue(o.contains("\"md5\": \"" + md5 + "\""), "get_file_info: " + o);
            assertTrue(o.contains("\"name\": \"mine.txt\""), "list_dir: " + o);
            assertTrue(o.contains("\"admin_key\": \"******\""), "reload get masks the key: " + o);
            assertEquals(2, o.split("\"data\": null,\n  \"message\": \"\",\n  \"status\": \"ok\"", -1).length - 1,
                    "reload set and reload: " + o);
            assertTrue(o.contains("\"Fs.Local\""), "status: " + o);
            assertTrue(o.contains("{\"name\":\"hello.txt\""), "check_file_exist: " + o);
            assertEquals(2, o.split("\"message\": \"remove success\"", -1).length - 1, "both deletes: " + o);
        }
    }
}
