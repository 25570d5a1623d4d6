package io.jfastdfs.cluster;

import io.jfastdfs.testkit.Files2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Digests of path-identity files: right for a file or a slice, kept per version of the file. */
class ContentDigestsTest {
    Path dir;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("jfastdfs-digests");
    }

    @AfterEach
    void removeDir() {
        Files2.deleteTree(dir);
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @Test
    void digestsAWholeFileOrASliceOfIt() throws Exception {
        byte[] content = new byte[200_000];
        new java.util.Random(5).nextBytes(content);
        Path f = Files.write(dir.resolve("a.bin"), content);
        ContentDigests d = new ContentDigests();
        assertEquals(Files2.md5(content), d.of("md5", f, 0, content.length));
        assertEquals(sha1(content), d.of("sha1", f, 0, content.length));
        assertEquals(Files2.md5(Arrays.copyOfRange(content, 70_001, 150_000)), d.of("md5", f, 70_001, 79_999));
    }

    @Test
    void aNewVersionOfTheFileGetsANewDigestTheSameVersionTheKeptOne() throws Exception {
        Path f = Files.writeString(dir.resolve("b.txt"), "first version");
        FileTime first = Files.getLastModifiedTime(f);
        ContentDigests d = new ContentDigests();
        String before = d.of("md5", f, 0, Files.size(f));
        assertEquals(Files2.md5("first version".getBytes(StandardCharsets.UTF_8)), before);

        Files.writeString(f, "other version");                 // same size, new mtime: a new version
        Files.setLastModifiedTime(f, FileTime.fromMillis(first.toMillis() + 5_000));
        assertEquals(Files2.md5("other version".getBytes(StandardCharsets.UTF_8)), d.of("md5", f, 0, Files.size(f)));

        Files.writeString(f, "third version");                 // forged back to the first version's size and mtime:
        Files.setLastModifiedTime(f, first);                   // the kept digest answers, the file is not read again
        assertEquals(before, d.of("md5", f, 0, Files.size(f)));
    }

    @Test
    void peersAskingAtOnceGetTheSameDigest() throws Exception {
        byte[] content = new byte[5 << 20];
        new java.util.Random(6).nextBytes(content);
        Path f = Files.write(dir.resolve("c.bin"), content);
        ContentDigests d = new ContentDigests();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> asks = List.of(() -> d.of("md5", f, 0, content.length),
                    () -> d.of("md5", f, 0, content.length), () -> d.of("md5", f, 0, content.length),
                    () -> d.of("md5", f, 0, content.length));
            for (Future<String> r : pool.invokeAll(asks)) assertEquals(Files2.md5(content), r.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
