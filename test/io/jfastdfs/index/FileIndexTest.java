package io.jfastdfs.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static io.jfastdfs.index.Records.DAY;
import static io.jfastdfs.index.Records.NOV_24;
import static io.jfastdfs.index.Records.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileIndexTest {
    @TempDir
    Path dir;
    Database db;
    FileIndex index;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data/index.db"));
        index = new FileIndex(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void insertedRecordIsFoundByMd5PathKeyAndExtraAlias() {
        FileRecord rec = file("hello.txt", NOV_24, 29);
        InsertResult result = index.insert(rec, List.of("tus-upload-id"));

        assertTrue(result.inserted());
        assertEquals(rec, result.record());
        assertEquals(Optional.of(rec), index.find(rec.md5()));
        assertEquals(Optional.of(rec), index.find(rec.pathKey()));
        assertEquals(Optional.of(rec), index.find("tus-upload-id"));
        assertEquals(Optional.empty(), index.find("nope"));
        assertEquals(1, index.count());
    }

    @Test
    void recordRoundTripsEveryField() {
        FileRecord merged = new FileRecord("a b.txt", "123,0,28,.txt", "files/haystack/1", FileRecord.md5Hex("x"),
                28, null, "", NOV_24, 0);
        FileRecord unicode = new FileRecord("文件\"名\".txt", "", "files/s/20261124", FileRecord.md5Hex("y"), 0,
                List.of(), "s", NOV_24, FileRecord.OFFSET_MIGRATED);
        index.insert(merged, List.of());
        index.insert(unicode, List.of());

        assertEquals(Optional.of(merged), index.find(merged.md5()));
        assertNull(index.find(merged.md5()).orElseThrow().peers());
        assertEquals(Optional.of(unicode), index.find(unicode.pathKey()));
    }

    @Test
    void duplicateInsertReturnsExistingAndLeavesStatsAlone() {
        FileRecord first = file("a.txt", NOV_24, 10);
        FileRecord again = new FileRecord("other.txt", "", "files/x/20261125", first.md5(), 10, null, "x",
                NOV_24 + DAY, -1);
        index.insert(first, List.of());
        List<DailyStat> before = index.stats();

        InsertResult result = index.insert(again, List.of("tus-id"));

        assertFalse(result.inserted());
        assertEquals(first, result.record());
        assertEquals(before, index.stats());
        assertEquals(1, index.count());
        assertEquals(Optional.empty(), index.find(again.pathKey()), "the rejected copy's path is not indexed");
        assertEquals(Optional.of(first), index.find("tus-id"), "a tus id still resolves to the stored copy");
    }

    @Test
    void deleteByAliasRemovesRecordAliasesAndCounters() {
        FileRecord rec = file("a.txt", NOV_24, 10);
        FileRecord other = file("b.txt", NOV_24, 5);
        index.insert(rec, List.of("tus-id"));
        index.insert(other, List.of());

        assertEquals(Optional.of(rec), index.delete(rec.pathKey()));

        assertEquals(Optional.empty(), index.find(rec.md5()));
        assertEquals(Optional.empty(), index.find(rec.pathKey()));
        assertEquals(Optional.empty(), index.find("tus-id"));
        assertEquals(List.of(new DailyStat(DailyStat.dayOf(NOV_24), 1, 5)), index.stats());
        assertEquals(Optional.empty(), index.delete(rec.md5()), "already deleted");
        assertEquals(Optional.empty(), index.delete("tus-id"));
    }

    @Test
    void replaceSwapsRecordPathKeyAndCounters() {
        FileRecord old = file("a.txt", NOV_24, 10);
        index.insert(old, List.of("tus-id"));
        FileRecord moved = new FileRecord("a.txt", "", "files/default/20261125/08/00/1", old.md5(), 10,
                List.of("http://127.0.0.2:8080"), "default", NOV_24 + DAY, -1);

        assertEquals(Optional.of(old), index.replace(moved));

        assertEquals(Optional.of(moved), index.find(old.md5()));
        assertEquals(Optional.of(moved), index.find(moved.pathKey()));
        assertEquals(Optional.empty(), index.find(old.pathKey()));
        assertEquals(Optional.of(moved), index.find("tus-id"));
        assertEquals(List.of(new DailyStat(DailyStat.dayOf(NOV_24), 0, 0),
                new DailyStat(DailyStat.dayOf(NOV_24 + DAY), 1, 10)), index.stats());
        assertEquals(Optional.empty(), index.replace(file("new.txt", NOV_24, 3)), "nothing to replace: plain insert");
        assertEquals(2, index.count());
    }

    @Test
    void statsAgreeWithRecordsAfterMixedInsertsAndDeletes() {
        Random random = new Random(42);
        Map<String, FileRecord> model = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            int n = random.nextInt(40);
            FileRecord rec = file("f" + n, NOV_24 + (n % 3) * DAY + n, n * 10L + 1);
            if (random.nextInt(3) == 0) {
                String key = random.nextBoolean() ? rec.md5() : rec.pathKey();
                assertEquals(Optional.ofNullable(model.remove(rec.md5())), index.delete(key));
            } else {
                assertEquals(!model.containsKey(rec.md5()), index.insert(rec, List.of()).inserted());
                model.put(rec.md5(), rec);
            }
        }
        Map<String, DailyStat> expected = new TreeMap<>();
        for (FileRecord rec : model.values()) {
            expected.merge(DailyStat.dayOf(rec.timeStamp()), new DailyStat(DailyStat.dayOf(rec.timeStamp()), 1,
                    rec.size()), (a, b) -> new DailyStat(a.day(), a.count() + b.count(), a.bytes() + b.bytes()));
        }
        List<DailyStat> nonEmpty = index.stats().stream().filter(s -> s.count() != 0 || s.bytes() != 0).toList();
        assertEquals(List.copyOf(expected.values()), nonEmpty);
        assertEquals(model.size(), index.count());
        for (DailyStat stat : index.stats()) {
            assertEquals(stat, index.recountDay(stat.day()));
            List<FileRecord> ofDay = index.byDay(stat.day());
            assertEquals(ofDay.stream().map(FileRecord::md5).sorted().toList(), index.md5sByDay(stat.day()));
            assertEquals(stat.count(), ofDay.size());
        }
    }

    @Test
    void recountRepairsDriftedCounters() {
        index.insert(file("a", NOV_24, 7), List.of());
        String day = DailyStat.dayOf(NOV_24);
        db.write(c -> c.createStatement().executeUpdate("UPDATE daily SET count = 99, bytes = 1"));

        assertEquals(new DailyStat(day, 1, 7), index.recountDay(day));
        assertEquals(List.of(new DailyStat(day, 1, 7)), index.stats());
        assertEquals(new DailyStat("19700101", 0, 0), index.recountDay("19700101"));
    }

    @Test
    void searchIsCaseSensitiveSubstringNewestFirstAndLimited() {
        index.insert(file("report-2024.pdf", NOV_24, 1), List.of());
        index.insert(file("Report-final.pdf", NOV_24 + 10, 1), List.of());
        index.insert(file("my-report.txt", NOV_24 + 20, 1), List.of());
        index.insert(file("100%_done.txt", NOV_24 + 30, 1), List.of());

        assertEquals(List.of("my-report.txt", "report-2024.pdf"), names(index.search("report", 100)));
        assertEquals(List.of("my-report.txt"), names(index.search("report", 1)));
        assertEquals(List.of("100%_done.txt"), names(index.search("%_", 100)), "no LIKE wildcards");
        assertEquals(4, index.search("", 100).size(), "empty keyword matches all");
        assertEquals(List.of(), index.search("absent", 100));
    }

    @Test
    void updatePeersAndAddAlias() {
        FileRecord rec = file("a", NOV_24, 1);
        index.insert(rec, List.of());

        index.updatePeers(rec.md5(), List.of("http://a:8080", "http://b:8080"));
        index.addAlias("late-alias", rec.md5());

        assertEquals(List.of("http://a:8080", "http://b:8080"), index.find("late-alias").orElseThrow().peers());
        index.updatePeers(rec.md5(), null);
        assertNull(index.find(rec.md5()).orElseThrow().peers());
    }

    @Test
    void dayIsCompactLocalDate() {
        assertTrue(DailyStat.dayOf(NOV_24).matches("2026112[345]"));
    }

    private static List<String> names(List<FileRecord> records) {
        return records.stream().map(FileRecord::name).toList();
    }
}
