package io.jfastdfs.ops;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers of the backup and migration tests: days, files placed by hand, the application log. */
final class OpsChecks {
    private OpsChecks() {}

    static String dayOf(long epochSeconds) {
        return DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds),
                ZoneId.systemDefault()));
    }

    static String today() {
        return DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now());
    }

    /** Unix seconds of noon, {@code daysAgo} days before today, local time. */
    static long noon(int daysAgo) {
        return LocalDateTime.now().toLocalDate().minusDays(daysAgo).atTime(12, 0)
                .atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    /** Writes base/files/{@code rel} as a copied tree would hold it, with the given mtime. */
    static Path place(Path base, String rel, String content, long mtimeSeconds) throws IOException {
        Path p = base.resolve("files").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
        return p;
    }

    /** How many lines of log/fileserver.log contain {@code fragment}. */
    static long logLines(Path base, String fragment) {
        try {
            return Files.readAllLines(base.resolve("log/fileserver.log"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(fragment)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until the log holds {@code count} lines with {@code fragment} (it flushes every 200 ms). */
    static void awaitLog(Path base, String fragment, long count) throws InterruptedException {
        await(30, count + " log lines with \"" + fragment + "\"", () -> logLines(base, fragment) >= count);
    }

    static void await(double seconds, String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + seconds + " s: " + what);
            Thread.sleep(20);
        }
    }

    /** The lines of a file, or none when it does not exist. */
    static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Http.Resp r) {
        return (Map<String, Object>) Json.parse(r.text());
    }
}
