package io.jfastdfs.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.jfastdfs.index.Records.NOV_24;
import static io.jfastdfs.index.Records.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lookups migration and the daily backup rely on: known keys in one query, job marks across reopenings. */
class KnownKeysAndJobMarksTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data/index.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void knownKeysAreIdentitiesPathKeysAndExtraAliasesAndNothingElse() {
        FileIndex index = new FileIndex(db);
        FileRecord uploaded = file("up.txt", NOV_24, 10);
        index.insert(uploaded, List.of("tus-id"));
        String migratedKey = FileRecord.pathKeyOf("files/legacy/m.txt");
        index.insert(new FileRecord("m.txt", "", "files/legacy", migratedKey, 3, List.of(), "legacy", NOV_24,
                FileRecord.OFFSET_MIGRATED), List.of());

        List<String> asked = new ArrayList<>(List.of(uploaded.md5(), uploaded.pathKey(), "tus-id", migratedKey));
        for (int i = 0; i < 600; i++) asked.add(FileRecord.md5Hex("unknown " + i)); // more than a migration batch
        assertEquals(Set.of(uploaded.md5(), uploaded.pathKey(), "tus-id", migratedKey), index.known(asked));
        assertEquals(Set.of(), index.known(List.of()));
    }

    @Test
    void aJobMarkIsReplacedAndSurvivesReopening() {
        JobMarks marks = new JobMarks(db);
        assertEquals(Optional.empty(), marks.get("daily_backup"));
        marks.put("daily_backup", "20261123");
        marks.put("daily_backup", "20261124");
        db.close();
        db = Database.open(dir.resolve("data/index.db"));
        assertEquals(Optional.of("20261124"), new JobMarks(db).get("daily_backup"));
    }
}
