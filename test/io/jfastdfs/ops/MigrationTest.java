package io.jfastdfs.ops;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.ops.OpsChecks.awaitLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * enable_migrate (API.md §6.3): a tree copied into files/ before the start is indexed by path key,
 * so get_file_info, delete and stat work for it; internal directories and empty files are not.
 */
class MigrationTest {
    private static final long TS = OpsChecks.noon(40);
    private static final String DAY = OpsChecks.dayOf(TS);
    private static final String NOT_FOUND = "{\n  \"data\": null,\n  \"message\": \"leveldb: not found\",\n  \"status\": \"fail\"\n}";
    private static Path dir;
    private static TestServer node;

    @BeforeAll
    static void copyATreeAndStart() throws Exception {
        dir = Files.createTempDirectory("jfastdfs-migrate");
        TestServer.writeConfig(dir, TestServer.withDefaults(Map.of("enable_migrate", true)));
        OpsChecks.place(dir, "M00/00/01/a.txt", "alpha", TS);
        OpsChecks.place(dir, "M00/00/02/b.bin", "bravo!", OpsChecks.noon(41));
        OpsChecks.place(dir, "top.txt", "at the store root", TS);
        OpsChecks.place(dir, "M00/00/03/c.txt", "removed by hand later", OpsChecks.noon(42));
        OpsChecks.place(dir, "M00/empty.txt", "", TS);
        OpsChecks.place(dir, "_big/1/partial.bin", "tus data in progress", TS);
        OpsChecks.place(dir, "_tmp/deep/left.tmp", "temp data", TS);
        OpsChecks.place(dir, "haystack/volume.dat", "small-file volume", TS);
        node = TestServer.startIn(dir);
        awaitLog(dir, "migration done", 1);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.stop();
        Files2.deleteTree(dir);
    }

    private static String info(String key) throws Exception {
        return Http.get(node.url() + "/get_file_info?md5=" + key).text();
    }

    @Test
    void aCopiedFileIsIndexedUnderItsPathKeyWithTheMigrationOffset() throws Exception {
        String key = FileRecord.pathKeyOf("files/M00/00/01/a.txt");
        assertEquals("{\n  \"data\": {\n    \"md5\": \"" + key + "\",\n    \"name\": \"a.txt\",\n    \"offset\": -2,\n"
                + "    \"path\": \"files/M00/00/01\",\n    \"peers\": [\n      \"http://127.0.0.1:8080\"\n    ],\n"
                + "    \"rename\": \"\",\n    \"scene\": \"M00\",\n    \"size\": 5,\n    \"timeStamp\": " + TS + "\n"
                + "  },\n  \"message\": \"\",\n  \"status\": \"ok\"\n}", info(key));
        assertEquals("alpha", Http.get(node.url() + "/M00/00/01/a.txt").text());
        assertTrue(info(FileRecord.pathKeyOf("files/top.txt")).contains("\"path\": \"files\",\n    \"peers\""));
        assertTrue(info(FileRecord.pathKeyOf("files/top.txt")).contains("\"scene\": \"\""));
    }

    @Test
    void statsCountMigratedFilesUnderTheirModificationDay() throws Exception {
        String stat = Http.get(node.url() + "/stat").text();
        long size = "alpha".length() + "at the store root".length();
        assertTrue(stat.contains("\"date\": \"" + DAY + "\",\n      \"fileCount\": 2,\n      \"totalSize\": " + size), stat);
    }

    @Test
    void internalDirectoriesHaystackAndEmptyFilesAreNotIndexed() throws Exception {
        for (String rel : List.of("files/M00/empty.txt", "files/_big/1/partial.bin", "files/_tmp/deep/left.tmp",
                "files/haystack/volume.dat")) {
            assertEquals(NOT_FOUND, info(FileRecord.pathKeyOf(rel)), rel);
        }
    }

    @Test
    void checkFileExistFindsAMigratedFileOnlyWhileItsBytesAreThere() throws Exception {
        String key = FileRecord.pathKeyOf("files/M00/00/03/c.txt");
        assertTrue(Http.get(node.url() + "/check_file_exist?md5=" + key).text().contains("\"md5\":\"" + key + "\""));
        Files.delete(dir.resolve("files/M00/00/03/c.txt"));
        assertEquals("{\"name\":\"\",\"rename\":\"\",\"path\":\"\",\"md5\":\"\",\"size\":0,\"peers\":null,"
                + "\"scene\":\"\",\"timeStamp\":0,\"offset\":0}", Http.get(node.url() + "/check_file_exist?md5=" + key).text());
    }

    @Test
    void deleteByPathKeyRemovesAMigratedFile() throws Exception {
        String key = FileRecord.pathKeyOf("files/M00/00/02/b.bin");
        assertEquals("{\n  \"data\": null,\n  \"message\": \"remove success\",\n  \"status\": \"ok\"\n}",
                Http.get(node.url() + "/delete?md5=" + key).text());
        assertFalse(Files.exists(dir.resolve("files/M00/00/02/b.bin")));
        assertEquals(NOT_FOUND, info(key));
        assertEquals(404, Http.get(node.url() + "/M00/00/02/b.bin").status());
    }
}
