package io.jfastdfs.ops;

import io.jfastdfs.index.Database;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.JobMarks;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.jfastdfs.ops.OpsChecks.awaitLog;
import static io.jfastdfs.ops.OpsChecks.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily backup of "yesterday" (API.md §6.7) remembers its last day in the index, so a node that
 * was down at midnight backs up yesterday when it starts again, and only once.
 */
class DailyBackupTest {

    private static Optional<String> mark(Path dir) {
        try (Database db = Database.open(dir.resolve("data/index.db"))) {
            return new JobMarks(db).get(Backups.JOB);
        }
    }

    private static void setMark(Path dir, String day) {
        try (Database db = Database.open(dir.resolve("data/index.db"))) {
            new JobMarks(db).put(Backups.JOB, day);
        }
    }

    @Test
    void aRestartPastMidnightBacksUpYesterdayOnce() throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-daily");
        try {
            TestServer.writeConfig(dir, TestServer.withDefaults(Map.of("enable_migrate", true)));
            long ts = OpsChecks.noon(1);
            String yesterday = OpsChecks.dayOf(ts);
            OpsChecks.place(dir, "old/y.txt", "booked yesterday", ts);
            TestServer first = TestServer.startIn(dir);
            awaitLog(dir, "migration done", 1);
            first.stop();
            assertEquals(Optional.of(yesterday), mark(dir), "a new node has nothing to back up: yesterday counts as done");
            assertFalse(Files.exists(dir.resolve("data").resolve(yesterday).resolve("files.md5")));

            setMark(dir, OpsChecks.dayOf(OpsChecks.noon(3))); // as if the node had been down over midnight
            TestServer second = TestServer.startIn(dir); // not closed: that would delete the data dir
            try {
                awaitLog(dir, "backup of " + yesterday + " written", 1);
                String rel = "files/old/y.txt";
                assertEquals(List.of(FileRecord.pathKeyOf(rel) + "|16|" + ts + "|" + rel),
                        lines(dir.resolve("data").resolve(yesterday).resolve("files.md5")));
                assertTrue(Files.exists(dir.resolve("data").resolve(yesterday).resolve("index.db")));
            } finally {
                second.stop();
            }
            assertEquals(Optional.of(yesterday), mark(dir));

            try (TestServer third = TestServer.startIn(dir)) {
                // one thread runs the start check and the requests in order: once 20000102 is done, so is the check
                Http.get(third.url() + "/backup?date=20000102&inner=1");
                awaitLog(dir, "backup of 20000102 written", 1);
                assertEquals(1, OpsChecks.logLines(dir, "backup of " + yesterday + " written"));
            }
        } finally {
            Files2.deleteTree(dir);
        }
    }
}
