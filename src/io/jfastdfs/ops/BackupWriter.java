package io.jfastdfs.ops;

import io.jfastdfs.index.Database;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory;
import io.jfastdfs.json.Json;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One day's backup (API.md §6.7) in data/D/: {@code files.md5} (one line per file booked under D:
 * {@code <md5>|<size>|<timeStamp>|<path>/<name>}), {@code meta.data} (two lines per file: the
 * identity and the path key, each with the compact FileInfo after a tab) and {@code index.db}, a
 * consistent copy of the whole index. Each file is written under a temp name, synced and renamed
 * over the earlier copy, so a crash leaves the old backup or the new one, never neither; an empty
 * list replaces the earlier copy by nothing, as go-fastdfs does.
 */
final class BackupWriter {
    static final String FILES = "files.md5";
    static final String META = "meta.data";
    static final String SNAPSHOT = "index.db";
    /** Index snapshots kept (newest by time written): each is a copy of the whole index. */
    static final int KEEP_SNAPSHOTS = 7;
    /**
     * The report page backs up 30 days with one click; one whole-index copy stands for all of them,
     * so a snapshot is skipped when the last one is younger than this.
     */
    static final long SNAPSHOT_INTERVAL_MILLIS = 10 * 60_000;
    private static final int PAGE = 1000;
    private static final String TMP = ".tmp";

    private final Path dataDir;
    private final Inventory inventory;
    private final Database db;
    private long lastSnapshotMillis = Long.MIN_VALUE / 2;

    BackupWriter(Path dataDir, Database db) {
        this.dataDir = dataDir;
        this.inventory = new Inventory(db);
        this.db = db;
    }

    /** Writes day {@code day}'s backup (yyyyMMdd, validated by the caller); returns the files listed. */
    synchronized int write(String day) throws IOException {
        Path dir = dataDir.resolve(day);
        Files.createDirectories(dir);
        Path files = dir.resolve(FILES + TMP);
        Path meta = dir.resolve(META + TMP);
        int n = 0;
        try (Writer f = writer(files); Writer m = writer(meta)) {
            String after = "";
            List<FileRecord> page;
            do {
                page = inventory.page(day, after, PAGE);
                for (FileRecord r : page) {
                    f.write(r.md5() + "|" + r.size() + "|" + r.timeStamp() + "|" + r.relativeFile() + "\n");
                    String json = Json.compact(r);
                    m.write(r.md5() + "\t" + json + "\n");
                    m.write(r.pathKey() + "\t" + json + "\n");
                }
                n += page.size();
                if (!page.isEmpty()) after = page.getLast().md5();
            } while (page.size() == PAGE);
        }
        publish(files, dir.resolve(FILES), n > 0);
        publish(meta, dir.resolve(META), n > 0);
        if (System.currentTimeMillis() - lastSnapshotMillis >= SNAPSHOT_INTERVAL_MILLIS) {
            snapshot(dir);
            lastSnapshotMillis = System.currentTimeMillis();
        }
        return n;
    }

    private void snapshot(Path dir) throws IOException {
        Path tmp = dir.resolve(SNAPSHOT + TMP);
        Files.deleteIfExists(tmp); // left by a crash; VACUUM INTO needs a fresh target
        db.snapshotTo(tmp);
        publish(tmp, dir.resolve(SNAPSHOT), true);
        pruneSnapshots();
    }

    /** Syncs {@code tmp} and renames it over {@code target}; when {@code keep} is false both go. */
    private static void publish(Path tmp, Path target, boolean keep) throws IOException {
        if (!keep) {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(target);
            FileStore.fsyncDir(target.getParent());
        } else {
            FileStore.publish(tmp, target);
        }
    }

    /** Keeps the {@link #KEEP_SNAPSHOTS} newest index snapshots under data/&lt;yyyyMMdd&gt;/. */
    private void pruneSnapshots() throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> days = Files.newDirectoryStream(dataDir, "[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]")) {
            for (Path d : days) {
                Path s = d.resolve(SNAPSHOT);
                if (Files.isRegularFile(s)) all.add(s);
            }
        }
        if (all.size() <= KEEP_SNAPSHOTS) return;
        all.sort(Comparator.comparingLong(BackupWriter::modified).reversed());
        for (Path old : all.subList(KEEP_SNAPSHOTS, all.size())) Files.deleteIfExists(old);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0; // vanished meanwhile: oldest, so it is "removed" again harmlessly
        }
    }

    private static Writer writer(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }
}
