package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollingLogTest {

    @Test
    void concurrentWritersLoseNothingAndNeverInterleave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log/access.log");
        int threads = 8;
        int perThread = 2000;
        long maxBytes = 4096;
        RollingLog log = new RollingLog(file, maxBytes, 1000);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    log.line("writer " + id + " line " + i + " ümlaut-padding-padding");
                }
            }));
        }
        go.countDown();
        for (Thread w : writers) {
            w.join();
        }
        log.close();

        List<Path> oldestFirst = new ArrayList<>();
        for (int n = 1000; n >= 1; n--) {
            Path rolled = dir.resolve("log/access.log." + n);
            if (Files.exists(rolled)) {
                oldestFirst.add(rolled);
            }
        }
        oldestFirst.add(file);
        assertTrue(oldestFirst.size() > 10, "expected many rolls, got " + oldestFirst.size());

        Pattern shape = Pattern.compile("writer (\\d+) line (\\d+) ümlaut-padding-padding");
        int[] next = new int[threads];
        Set<String> seen = new HashSet<>();
        for (Path p : oldestFirst) {
            assertTrue(Files.size(p) <= maxBytes, p + " is " + Files.size(p) + " bytes");
            String text = Files.readString(p, StandardCharsets.UTF_8);
            assertTrue(text.isEmpty() || text.endsWith("\n"), p + " ends mid-line");
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m = shape.matcher(line);
                assertTrue(m.matches(), "mangled line: " + line);
                int writer = Integer.parseInt(m.group(1));
                assertEquals(next[writer]++, Integer.parseInt(m.group(2)), "order of writer " + writer);
                assertTrue(seen.add(line));
            }
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void keepsOnlyTheNewestRolledFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fileserver.log");
        try (RollingLog log = new RollingLog(file, 100, 2)) {
            for (int i = 0; i < 10; i++) {
                log.line(("line " + i + " ").repeat(7).substring(0, 49));
            }
        }
        assertEquals(List.of(8, 9), lineNumbers(file));
        assertEquals(List.of(6, 7), lineNumbers(dir.resolve("fileserver.log.1")));
        assertEquals(List.of(4, 5), lineNumbers(dir.resolve("fileserver.log.2")));
        assertFalse(Files.exists(dir.resolve("fileserver.log.3")));
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "x".repeat(95) + "\n");
        try (RollingLog log = new RollingLog(file, 100, 3)) {
            log.line("abc");
            log.line("long line longer than the limit ".repeat(5));
            log.line("after");
        }
        assertEquals("abc\n", Files.readString(dir.resolve("a.log.2")).substring(96));
        assertEquals("long line longer than the limit ".repeat(5) + "\n", Files.readString(dir.resolve("a.log.1")));
        assertEquals("after\n", Files.readString(file));
    }

    @Test
    void flushesInTheBackgroundWithoutClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bg.log");
        RollingLog log = new RollingLog(file, RollingLog.DEFAULT_MAX_BYTES, RollingLog.DEFAULT_KEEP);
        try {
            log.line("héllo");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("héllo\n", Files.readString(file, StandardCharsets.UTF_8));
        } finally {
            log.close();
        }
    }

    @Test
    void linesAfterCloseAreDroppedAndCloseIsIdempotent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.log");
        RollingLog log = new RollingLog(file, 1000, 1);
        log.line("one");
        log.close();
        log.line("two");
        log.close();
        assertEquals("one\n", Files.readString(file));
    }

    private static List<Integer> lineNumbers(Path p) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String line : Files.readAllLines(p)) {
            assertEquals(49, line.length());
            out.add(Integer.parseInt(line.split(" ")[1]));
        }
        return out;
    }
}
