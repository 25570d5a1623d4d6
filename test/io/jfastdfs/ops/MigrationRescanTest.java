package io.jfastdfs.ops;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.jfastdfs.ops.OpsChecks.awaitLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Migration runs at every start and on repair_fileinfo, and only ever adds files the index lacks (API.md §6.3). */
class MigrationRescanTest {

    @Test
    void aRestartAddsNothingAndRepairFileinfoIndexesOnlyTheNewFile() throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-rescan");
        try {
            TestServer.writeConfig(dir, TestServer.withDefaults(Map.of("enable_migrate", true)));
            OpsChecks.place(dir, "legacy/one.txt", "one", OpsChecks.noon(2));
            TestServer first = TestServer.startIn(dir);
            awaitLog(dir, "migration done", 1);
            assertEquals(1, OpsChecks.logLines(dir, " 1 indexed (3 bytes)"));
            String stat = Http.get(first.url() + "/stat").text();
            first.stop();

            try (TestServer second = TestServer.startIn(dir)) {
                awaitLog(dir, "migration done", 2);
                assertEquals(1, OpsChecks.logLines(dir, "1 files seen, 0 indexed"));
                assertEquals(stat, Http.get(second.url() + "/stat").text());

                OpsChecks.place(dir, "legacy/two.txt", "two!", OpsChecks.noon(2));
                Http.Resp r = Http.get(second.url() + "/repair_fileinfo");
                assertEquals("{\n  \"data\": null,\n  \"message\": \"repair job start,don't try again,very danger \",\n"
                        + "  \"status\": \"ok\"\n}", r.text());
                awaitLog(dir, "migration done", 3);
                assertEquals(1, OpsChecks.logLines(dir, "2 files seen, 1 indexed (4 bytes)"));
                assertTrue(Http.get(second.url() + "/get_file_info?md5=" + FileRecord.pathKeyOf("files/legacy/two.txt"))
                        .text().contains("\"offset\": -2"));
                assertTrue(Http.get(second.url() + "/stat").text().contains("\"fileCount\": 2,\n      \"totalSize\": 7"));
            }
        } finally {
            Files2.deleteTree(dir);
        }
    }
}
