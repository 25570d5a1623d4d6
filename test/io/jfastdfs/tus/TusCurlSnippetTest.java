package io.jfastdfs.tus;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.GuideSnippets;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's tus-with-curl block, run as written (only the node's address differs) on a 3 MB video.mp4. */
class TusCurlSnippetTest {

    @Test
    void theGuidesCurlTusStepsStoreTheFile() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path work = Files.createDirectories(server.dir().resolve("client"));
            byte[] video = TusRequests.random(3_000_000, 41);
            Files.write(work.resolve("video.mp4"), video);
            String script = GuideSnippets.get("tus-curl").replace("http://host:8080/group1", server.url());
            Path out = work.resolve("tus-curl.out");
            Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the block did not finish");
            String o = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), o);
            Map<?, ?> stored = (Map<?, ?>) Json.parse(o.substring(o.lastIndexOf("{\"")));
            assertEquals(Files2.md5(video), stored.get("md5"), o);
            assertTrue(((String) stored.get("path")).endsWith("/video.mp4"), "stored under its name: " + o);
            assertEquals(Files2.md5(video), Files2.md5(Http.get((String) stored.get("url")).body()));
        }
    }
}
