package io.jfastdfs.ops;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteConfig;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.ops.OpsChecks.await;
import static io.jfastdfs.ops.OpsChecks.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backup?date=D (API.md §2.15, §6.7): the day's lists in go-fastdfs's formats, replaced atomically. */
class BackupTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    /** An uploaded file as the backup must list it. */
    private record Uploaded(String md5, long size, long ts, String path, String name) {
        String relativeFile() {
            return path + "/" + name;
        }

        String compact() {
            return "{\"name\":\"" + name.replace("&", "\\u0026") + "\",\"rename\":\"\",\"path\":\"" + path + "\",\"md5\":\""
                    + md5 + "\",\"size\":" + size + ",\"peers\":[\"http://127.0.0.1:8080\"],\"scene\":\"default\","
                    + "\"timeStamp\":" + ts + ",\"offset\":-1}";
        }
    }

    private static Uploaded upload(String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> r = OpsChecks.json(Http.upload(server.url() + "/upload", name, bytes,
                Map.of("output", "json")));
        String stored = "files" + ((String) r.get("path")).substring("/group1".length());
        int slash = stored.lastIndexOf('/');
        return new Uploaded(Files2.md5(bytes), bytes.length, ((Number) r.get("mtime")).longValue(),
                stored.substring(0, slash), stored.substring(slash + 1));
    }

    private static Path dayDir(String day) {
        return server.dir().resolve("data").resolve(day);
    }

    /** Starts a backup of {@code day} and waits until the job has written (renamed) every file. */
    private static void backup(String day) throws Exception {
        long done = OpsChecks.logLines(server.dir(), "backup of " + day + " written");
        assertEquals("{\n  \"data\": null,\n  \"message\": \"back job start...\",\n  \"status\": \"ok\"\n}",
                Http.get(server.url() + "/backup?date=" + day).text());
        OpsChecks.awaitLog(server.dir(), "backup of " + day + " written", done + 1);
    }

    private static void awaitListed(String day, Uploaded f) throws InterruptedException {
        String line = f.md5() + "|" + f.size() + "|" + f.ts() + "|" + f.relativeFile();
        await(30, "backup of " + day + " lists " + f.name(), () -> lines(dayDir(day).resolve("files.md5")).contains(line));
    }

    private static byte[] readAll(FileChannel ch) throws java.io.IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) ch.size() + 1);
        int n;
        do {
            n = ch.read(buf);
        } while (n > 0 && buf.hasRemaining());
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    @Test
    void backupListsEachFileOfTheDayInFilesMd5AndTwiceInMetaData() throws Exception {
        Uploaded a = upload("list&a.txt", "first file of the backup");
        Uploaded b = upload("list-b.txt", "second file of the backup");
        String day = OpsChecks.dayOf(a.ts());
        backup(day);
        awaitListed(day, a);
        awaitListed(day, b);

        List<String> files = lines(dayDir(day).resolve("files.md5"));
        List<String> meta = lines(dayDir(day).resolve("meta.data"));
        assertEquals(2 * files.size(), meta.size(), "two meta.data lines per listed file");
        for (Uploaded f : List.of(a, b)) {
            assertTrue(files.contains(f.md5() + "|" + f.size() + "|" + f.ts() + "|" + f.relativeFile()), files.toString());
            int i = meta.indexOf(f.md5() + "\t" + f.compact());
            assertTrue(i >= 0, "identity line of " + f.name() + " in " + meta);
            assertEquals(FileRecord.pathKeyOf(f.relativeFile()) + "\t" + f.compact(), meta.get(i + 1));
        }
        for (String l : files) assertTrue(l.matches("[0-9a-f]{32}\\|\\d+\\|\\d+\\|files/\\S+"), l);
        assertTrue(Files.readString(dayDir(day).resolve("files.md5")).endsWith("\n"));
    }

    @Test
    void aNewBackupReplacesTheOldFilesByRenameNeverRewritingThemInPlace() throws Exception {
        Uploaded first = upload("replace-1.txt", "before the second backup");
        String day = OpsChecks.dayOf(first.ts());
        backup(day);
        awaitListed(day, first);
        Path list = dayDir(day).resolve("files.md5");
        byte[] before = Files.readAllBytes(list);
        Object inodeBefore = Files.getAttribute(list, "unix:ino");
        try (FileChannel old = FileChannel.open(list)) {
            Uploaded second = upload("replace-2.txt", "after the first backup");
            backup(day);
            awaitListed(day, second);
            assertArrayEquals(before, readAll(old), "a handle opened before still reads the old, complete list");
        }
        assertNotEquals(inodeBefore, Files.getAttribute(list, "unix:ino"));
        try (var s = Files.list(dayDir(day))) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
    }

    @Test
    void aDayWithoutFilesLeavesNoListsAndRemovesEarlierOnes() throws Exception {
        Path dir = dayDir("20000101");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("files.md5"), "stale|1|1|files/x\n");
        Files.writeString(dir.resolve("meta.data"), "stale\t{}\n");
        backup("20000101");
        assertFalse(Files.exists(dir.resolve("files.md5")));
        assertFalse(Files.exists(dir.resolve("meta.data")));
    }

    @Test
    void dateMustBeARealDayOfEightDigits() throws Exception {
        String invalid = "{\n  \"data\": null,\n  \"message\": \"invalid date\",\n  \"status\": \"fail\"\n}";
        for (String d : List.of("2026113", "20261301", "20250229", "2026-11-24", "abcdefgh", "202611240")) {
            Http.Resp r = Http.get(server.url() + "/backup?date=" + d);
            assertEquals(invalid, r.text(), d);
            assertEquals(200, r.status());
        }
        assertFalse(Files.exists(dayDir("20261301")));
    }

    @Test
    void theBackupHoldsAConsistentCopyOfTheWholeIndex() throws Exception {
        try (TestServer node = TestServer.start()) {
            byte[] one = "snapshot one".getBytes(StandardCharsets.UTF_8);
            byte[] two = "snapshot two".getBytes(StandardCharsets.UTF_8);
            Http.upload(node.url() + "/upload", "s1.txt", one);
            Http.upload(node.url() + "/upload", "s2.txt", two);
            String day = OpsChecks.today();
            Http.get(node.url() + "/backup?date=" + day);
            Path snapshot = node.dir().resolve("data").resolve(day).resolve("index.db");
            await(30, "index.db written", () -> Files.exists(snapshot));
            SQLiteConfig ro = new SQLiteConfig();
            ro.setReadOnly(true);
            try (Connection c = ro.createConnection("jdbc:sqlite:" + snapshot); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT md5 FROM files ORDER BY md5")) {
                    List<String> md5s = new java.util.ArrayList<>();
                    while (rs.next()) md5s.add(rs.getString(1));
                    assertEquals(java.util.stream.Stream.of(Files2.md5(one), Files2.md5(two)).sorted().toList(), md5s);
                }
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertEquals("delete", rs.getString(1), "a standalone file, not a WAL database");
                }
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertEquals("ok", rs.getString(1));
                }
            }
        }
    }
}
