package io.jfastdfs.merge;

import io.jfastdfs.config.ConfigFile;
import io.jfastdfs.config.Settings;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.TempFile;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Containers on a real store directory, without a server: placement, replica slots, erasing, clashes. */
class VolumesTest {
    private Path dir;
    private FileStore store;
    private AppLog log;
    private Settings settings;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("jfastdfs-volumes");
        Map<String, Object> cfg = new HashMap<>(TestServer.withDefaults(Map.of("enable_merge_small_file", true)));
        TestServer.writeConfig(dir, cfg);
        settings = new Settings(new ConfigFile(dir, TestServer.env(), c -> { }).loadOrCreate());
        store = new FileStore(dir);
        log = new AppLog(dir.resolve("app.log"), false);
    }

    @AfterEach
    void tearDown() {
        log.close();
        Files2.deleteTree(dir);
    }

    @Test
    void appendsFillOneContainerThenMoveToTheNextNumber() throws Exception {
        try (Volumes v = new Volumes(settings, store, log, 64)) {
            Needle a = v.append(temp("a".repeat(30)), ".txt").orElseThrow();
            Needle b = v.append(temp("b".repeat(30)), ".txt").orElseThrow();
            Needle c = v.append(temp("c".repeat(30)), "").orElseThrow();
            assertEquals(new Needle("1", "100", 0, 31, ".txt"), a);
            assertEquals(new Needle("1", "100", 31, 31, ".txt"), b);
            assertEquals(new Needle("1", "101", 0, 31, ""), c);
            assertEquals("1" + "a".repeat(30) + "1" + "b".repeat(30), Files.readString(container("1/100")));
            assertEquals("1" + "c".repeat(30), Files.readString(container("1/101")));
        }
    }

    @Test
    void whenEveryContainerIsFullTheUploadIsNotMerged() throws Exception {
        try (Volumes v = new Volumes(settings, store, log, 2)) {
            for (int n = Volumes.FIRST; n <= Volumes.LAST; n++) {
                assertEquals(Integer.toString(n), v.append(temp("x"), "").orElseThrow().container());
            }
            assertTrue(v.append(temp("y"), "").isEmpty());
            assertFalse(Files.exists(container("1/" + (Volumes.LAST + 1))));
        }
    }

    @Test
    void appendsContinueAfterWhatAContainerAlreadyHolds() throws Exception {
        Files.createDirectories(container("1"));
        Files.writeString(container("1/100"), "1copied from go-fastdfs");
        try (Volumes v = new Volumes(settings, store, log)) {
            assertEquals(23, v.append(temp("new"), ".txt").orElseThrow().offset());
        }
        assertEquals("1copied from go-fastdfs1new", Files.readString(container("1/100")));
    }

    @Test
    void replicaLandsAtTheOriginsOffsetExtendingTheContainer() throws Exception {
        FileRecord r = record("files/haystack/9", "150,1000,6,.txt", 6, 1000, "http://peer9");
        try (Volumes v = new Volumes(settings, store, log)) {
            v.put(r, temp("hello").path());
            assertTrue(v.holds(r));
            Slot s = v.slot(Needle.of(r).orElseThrow());
            assertEquals(new Slot(Slot.State.LIVE, s.container(), 1001, 5, s.mtimeSeconds()), s);
            assertEquals(Slot.State.MISSING, v.slot(new Needle("9", "150", 0, 6, ".txt")).state());
        }
        byte[] bytes = Files.readAllBytes(container("9/150"));
        assertEquals(1006, bytes.length);
        assertArrayEquals(new byte[1000], Arrays.copyOf(bytes, 1000));
        assertEquals("1hello", new String(bytes, 1000, 6, StandardCharsets.US_ASCII));
    }

    @Test
    void eraseMarksTheSlotDeletedAndZeroesOnlyItsContent() throws Exception {
        try (Volumes v = new Volumes(settings, store, log)) {
            Needle a = v.append(temp("first"), ".txt").orElseThrow();
            Needle b = v.append(temp("second"), ".txt").orElseThrow();
            assertTrue(v.erase(record(a.dir(), a.rename(), a.length(), a.offset(), "http://127.0.0.1:8080")));
            assertEquals(Slot.State.DELETED, v.slot(a).state());
            assertTrue(v.slot(b).live());
        }
        assertArrayEquals(("0\0\0\0\0\0" + "1second").getBytes(StandardCharsets.US_ASCII),
                Files.readAllBytes(container("1/100")));
    }

    @Test
    void eraseNeverCreatesAContainer() throws Exception {
        try (Volumes v = new Volumes(settings, store, log)) {
            assertFalse(v.erase(record("files/haystack/4", "100,0,6,.txt", 6, 0, "http://peer4")));
        }
        assertFalse(Files.exists(container("4/100")));
    }

    @Test
    void shortContainerOrOtherFlagIsMissingNotDeleted() throws Exception {
        Files.createDirectories(container("3"));
        Files.write(container("3/100"), new byte[] {'1', 'a', 'b', 'x', 'c', 'd'});
        try (Volumes v = new Volumes(settings, store, log)) {
            assertTrue(v.slot(new Needle("3", "100", 0, 3, "")).live());
            assertEquals(Slot.State.MISSING, v.slot(new Needle("3", "100", 0, 7, "")).state());
            assertEquals(Slot.State.MISSING, v.slot(new Needle("3", "100", 3, 3, "")).state());
            assertEquals(Slot.State.MISSING, v.slot(new Needle("3", "100", 6, 1, "")).state());
            assertEquals(Slot.State.MISSING, v.slot(new Needle("3", "101", 0, 1, "")).state());
        }
    }

    @Test
    void anotherNodesFileInOurOwnPeerIdDirectoryIsAClashThatStopsMerging() throws Exception {
        try (Volumes v = new Volumes(settings, store, log)) {
            assertTrue(v.merges(10, false));
            assertFalse(v.clashes(record("files/haystack/2", "100,0,6,.txt", 6, 0, "http://peer2")));
            assertFalse(v.clashes(record("files/haystack/1", "100,0,6,.txt", 6, 0, "http://127.0.0.1:8080")));
            assertTrue(v.merges(10, false));
            assertTrue(v.clashes(record("files/haystack/1", "100,0,6,.txt", 6, 0, "http://peer2")));
            assertFalse(v.merges(10, false));
        }
        log.close(); // flushes the buffered line
        assertTrue(Files.readString(dir.resolve("app.log")).contains("small-file merge stopped"));
    }

    @Test
    void onlySmallMultipartUploadsAreMerged() throws Exception {
        try (Volumes v = new Volumes(settings, store, log)) {
            assertTrue(v.merges(1, false));
            assertTrue(v.merges(Needle.MAX_LENGTH - 1, false));
            assertFalse(v.merges(Needle.MAX_LENGTH, false));
            assertFalse(v.merges(0, false));
            assertFalse(v.merges(10, true));
        }
    }

    private Path container(String rel) {
        return dir.resolve("files/haystack/" + rel);
    }

    private TempFile temp(String content) throws Exception {
        TempFile t = store.newTemp("md5", 0);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        t.write(b, 0, b.length);
        t.digestHex();
        t.finish(false);
        return t;
    }

    private static FileRecord record(String path, String rename, long size, long offset, String origin) {
        return new FileRecord("a.txt", rename, path, "0123456789abcdef0123456789abcdef", size, List.of(origin),
                "default", 1, offset);
    }
}
