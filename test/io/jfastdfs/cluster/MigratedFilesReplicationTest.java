package io.jfastdfs.cluster;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.host;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files indexed by migration (API.md §6.3, identity = path key, offset -2) replicate like uploads:
 * the peer verifies size and the content digest the source states (§5.3 item 3), keeps the origin's
 * time stamp, and a backup called on one node runs on its peer too (§2.15).
 */
class MigratedFilesReplicationTest {
    private static final long TS = Instant.parse("2025-03-05T12:00:00Z").getEpochSecond();

    private static Nodes.Stored place(Path base, String rel, String content) throws Exception {
        Path p = base.resolve("files").resolve(rel);
        Files.createDirectories(p.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(p, bytes);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(TS)));
        return new Nodes.Stored("/group1/" + rel, FileRecord.pathKeyOf("files/" + rel), bytes);
    }

    @Test
    void migratedFilesReachThePeerWithTheirPathKeyAndTimeStamp() throws Exception {
        int port = TestServer.freePort();
        Path dir1 = Files.createTempDirectory("jfastdfs-migrate-1");
        try {
            Map<String, Object> cfg1 = new LinkedHashMap<>(Nodes.config(1, port, List.of(1, 2)));
            cfg1.put("enable_migrate", true);
            TestServer.writeConfig(dir1, TestServer.withDefaults(cfg1));
            Nodes.Stored deep = place(dir1, "M00/00/7F/legacy.jpg", "not really a jpeg, but migrated");
            Nodes.Stored top = place(dir1, "root.txt", "a file right in files/");
            try (TestServer n1 = TestServer.startIn(dir1);
                 TestServer n2 = TestServer.start(Nodes.config(2, port, List.of(1, 2)))) {
                for (Nodes.Stored f : List.of(deep, top)) {
                    await(30, "node 2 holds " + f.path(), () -> Nodes.holds(n2.dir(), f));
                    await(30, "node 2 indexed " + f.path(), () -> Nodes.indexed(2, port, f.md5()));
                    Map<?, ?> replica = Nodes.fileInfo(2, port, f.md5());
                    assertEquals(-2L, replica.get("offset"));
                    assertEquals(TS, replica.get("timeStamp"));
                    assertEquals(List.of(host(1, port), host(2, port)), replica.get("peers"));
                    assertEquals(TS * 1000, Files.getLastModifiedTime(
                            n2.dir().resolve("files/" + f.path().substring("/group1/".length()))).toMillis());
                }

                String day = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(Instant.ofEpochSecond(TS),
                        ZoneId.systemDefault()));
                Http.get(host(1, port) + "/group1/backup?date=" + day);
                Path peerList = n2.dir().resolve("data").resolve(day).resolve("files.md5");
                await(30, "the peer wrote its backup of " + day, () -> Files.exists(peerList));
                List<String> lines = Files.readAllLines(peerList);
                assertEquals(2, lines.size(), lines.toString());
                assertEquals(List.of(deep.md5() + "|" + deep.content().length + "|" + TS + "|files/M00/00/7F/legacy.jpg",
                        top.md5() + "|" + top.content().length + "|" + TS + "|files/root.txt").stream().sorted().toList(),
                        lines);
            }
        } finally {
            Files2.deleteTree(dir1);
        }
    }
}
