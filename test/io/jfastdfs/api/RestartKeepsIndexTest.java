package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A stopped node started again on its data dir knows every file, every delete and every counter. */
class RestartKeepsIndexTest {

    @Test
    void indexDedupStatsAndDeletesSurviveARestartAndTempLeftoversAreSwept() throws Exception {
        byte[] kept = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        byte[] gone = "deleted before the restart".getBytes(StandardCharsets.UTF_8);
        TestServer first = TestServer.start();
        Path dir = first.dir();
        Map<String, Object> up = Replies.upload(first.url(), "kept.txt", kept, Map.of());
        Replies.upload(first.url(), "gone.txt", gone, Map.of());
        Http.get(first.url() + "/delete?md5=" + Files2.md5(gone));
        String infoBefore = Http.get(first.url() + "/get_file_info?md5=" + Files2.md5(kept)).text();
        String statBefore = Http.get(first.url() + "/stat?inner=1").text();
        String firstBase = first.base();
        first.stop();

        Files.writeString(dir.resolve("files/_tmp/left-by-a-crash"), "partial");
        try (TestServer second = TestServer.startIn(dir)) {
            assertEquals(infoBefore, Http.get(second.url() + "/get_file_info?md5=" + Files2.md5(kept)).text());
            assertEquals(statBefore, Http.get(second.url() + "/stat?inner=1").text());
            String url = ((String) up.get("url")).replace(firstBase, second.base());
            Replies.assertText(Http.get(second.url() + "/upload?md5=" + Files2.md5(kept)), url);
            assertArrayEquals(kept, Http.get(url).body());
            Map<String, Object> dup = Replies.upload(second.url(), "again.txt", kept, Map.of());
            assertEquals(up.get("path"), dup.get("path"), "dedup still finds the first upload");
            Replies.assertText(Http.get(second.url() + "/get_file_info?md5=" + Files2.md5(gone)), Replies.fail("leveldb: not found"));
            assertEquals(List.of(), Replies.tempFiles(dir));
            assertFalse(Files.exists(dir.resolve("files/_tmp/left-by-a-crash")));
        }
    }
}
