package io.jfastdfs.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.jfastdfs.index.Records.NOV_24;
import static io.jfastdfs.index.Records.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replication log written with index changes, tombstones, and how peers' changes apply. */
class ReplicasTest {
    @TempDir
    Path dir;
    Database db;
    FileIndex index;
    EventLog log;
    Replicas replicas;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data/index.db"));
        index = new FileIndex(db);
        log = new EventLog(db);
        replicas = new Replicas(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Event> events() {
        return log.after(0, 1000).events();
    }

    private static FileRecord at(FileRecord r, long ts) {
        return new FileRecord(r.name(), r.rename(), r.path(), r.md5(), r.size(), r.peers(), r.scene(), ts, r.offset());
    }

    @Test
    void everyIndexChangeAppendsOneEventAndChangesThatChangeNothingAppendNone() {
        FileRecord rec = file("a.txt", NOV_24, 10);
        index.insert(rec, List.of());
        index.insert(rec, List.of());
        assertEquals(1, events().size());

        index.insert(rec, List.of("tus-1"));
        index.addAlias("tus-1", rec.md5());
        assertEquals(2, events().size());
        assertEquals(List.of("tus-1"), events().get(1).aliases());
        index.addAlias("tus-2", rec.md5());
        assertEquals(List.of("tus-1", "tus-2"), events().get(2).aliases());

        index.replace(rec);
        assertEquals(3, events().size());
        index.replace(at(rec, NOV_24 + 60));
        assertEquals(4, events().size());

        index.delete(rec.md5());
        index.delete(rec.md5());
        List<Event> all = events();
        assertEquals(5, all.size());
        Event del = all.get(4);
        assertEquals(Event.DEL, del.op());
        assertEquals(rec.md5(), del.md5());
        assertEquals(rec.path(), del.record().path());
        for (int i = 1; i < all.size(); i++) assertTrue(all.get(i).seq() > all.get(i - 1).seq());
    }

    @Test
    void aTombstoneBeatsEveryUploadOfTheKeyThatIsNotNewer() {
        FileRecord rec = file("gone.txt", NOV_24, 10);
        index.insert(rec, List.of());
        index.delete(rec.md5());
        assertTrue(replicas.tombstone(rec).isPresent());

        assertEquals(Replicas.Outcome.TOMBSTONED, replicas.applyAdd(rec, List.of(), false));
        assertEquals(Optional.empty(), index.find(rec.md5()));

        FileRecord reUploaded = at(rec, System.currentTimeMillis() / 1000 + 100);
        assertEquals(Replicas.Outcome.ADDED, replicas.applyAdd(reUploaded, List.of(), false));
        assertEquals(Optional.of(reUploaded), index.find(rec.md5()));
        assertTrue(replicas.tombstone(rec).isEmpty());
    }

    @Test
    void aLocalUploadAfterADeleteIsAliveAgain() {
        FileRecord rec = file("again.txt", NOV_24, 10);
        index.insert(rec, List.of());
        index.delete(rec.md5());
        index.insert(at(rec, NOV_24 + 1), List.of());
        assertTrue(replicas.tombstone(rec).isEmpty());
    }

    @Test
    void peersUploadIsLoggedOnceSoItTravelsOnButNeverEchoes() {
        FileRecord rec = file("from-peer.txt", NOV_24, 10);
        assertEquals(Replicas.Outcome.ADDED, replicas.applyAdd(rec, List.of("tus-9"), false));
        assertEquals(Replicas.Outcome.UNCHANGED, replicas.applyAdd(rec, List.of("tus-9"), false));
        assertEquals(Replicas.Outcome.UNCHANGED, replicas.applyAdd(rec, List.of(), true));
        assertEquals(1, events().size());
        assertEquals(Optional.of(rec), index.find("tus-9"));
        assertEquals(1, index.stats().get(0).count());
    }

    @Test
    void newerOverwriteOfAPathReplacesTheOlderRecord() {
        FileRecord old = file("same-path.txt", NOV_24, 10);
        index.insert(old, List.of());
        FileRecord newer = new FileRecord(old.name(), "", old.path(), old.md5(), 20, null, old.scene(), NOV_24 + 5, -1);
        assertEquals(Replicas.Outcome.UPDATED, replicas.applyAdd(newer, List.of(), true));
        assertEquals(20, index.find(old.md5()).orElseThrow().size());
        assertEquals(20, index.stats().get(0).bytes());
    }

    @Test
    void deleteOfAKeyThisNodeNeverHadLeavesATombstoneAndOneEvent() {
        String key = FileRecord.md5Hex("only peers had it");
        assertEquals(Optional.empty(), replicas.applyDelete(key, null, NOV_24));
        assertEquals(Optional.empty(), replicas.applyDelete(key, null, NOV_24));
        assertEquals(Optional.empty(), replicas.applyDelete(key, null, NOV_24 - 5));
        assertEquals(1, events().size());
        assertNull(events().get(0).record());
        assertEquals(NOV_24, replicas.tombstone(key).getAsLong());
    }

    @Test
    void deleteNeverRemovesANewerRecordButStillLeavesItsTombstone() {
        FileRecord rec = file("newer.txt", NOV_24 + 100, 10);
        index.insert(rec, List.of());
        assertEquals(Optional.empty(), replicas.applyDelete(rec.md5(), rec, NOV_24));
        assertTrue(index.find(rec.md5()).isPresent());
        assertEquals(Optional.of(rec), replicas.applyDelete(rec.md5(), rec, NOV_24 + 100));
        assertFalse(index.find(rec.pathKey()).isPresent());
        assertEquals(0, index.stats().get(0).count());
    }

    @Test
    void compactionKeepsTheNewestEventPerIdentityAndForgetsExpiredDeletes() {
        FileRecord kept = file("kept.txt", NOV_24, 10);
        FileRecord dropped = file("dropped.txt", NOV_24, 10);
        index.insert(kept, List.of());
        index.addAlias("tus-1", kept.md5());
        index.insert(dropped, List.of());
        replicas.applyDelete(dropped.md5(), dropped, NOV_24);
        long last = log.lastSeq();

        assertEquals(2, log.compact(NOV_24 - 1));
        List<Event> left = events();
        assertEquals(2, left.size());
        assertEquals(List.of("tus-1"), left.get(0).aliases());
        assertEquals(Event.DEL, left.get(1).op());

        log.compact(NOV_24 + 1);
        assertEquals(1, events().size());
        assertTrue(replicas.tombstone(dropped).isEmpty());
        assertEquals(last, log.lastSeq(), "sequence numbers are never reused");
    }

    @Test
    void cursorsAreDurableAndTheLogHasARandomEpoch() {
        assertEquals(new EventLog.Cursor("", 0), log.cursor("http://peer:8080"));
        log.saveCursor("http://peer:8080", new EventLog.Cursor("abc", 42));
        db.close();
        db = Database.open(dir.resolve("data/index.db"));
        log = new EventLog(db);
        assertEquals(new EventLog.Cursor("abc", 42), log.cursor("http://peer:8080"));
        assertEquals(16, log.epoch().length());
        try (Database other = Database.open(dir.resolve("other/index.db"))) {
            assertNotEquals(log.epoch(), new EventLog(other).epoch());
        }
    }

    @Test
    void daySummariesDependOnTheSetNotTheOrder() {
        Inventory inv = new Inventory(db);
        FileRecord a = file("a.txt", NOV_24, 10);
        FileRecord b = file("b.txt", NOV_24, 20);
        index.insert(a, List.of());
        index.insert(b, List.of());
        Inventory.DaySummary ab = inv.days().get(0);
        try (Database other = Database.open(dir.resolve("other/index.db"))) {
            FileIndex idx = new FileIndex(other);
            idx.insert(b, List.of());
            idx.insert(a, List.of());
            assertEquals(ab, new Inventory(other).days().get(0));
            idx.delete(a.md5());
            assertNotEquals(ab, new Inventory(other).days().get(0));
        }
        assertEquals(2, ab.count());
        assertEquals(30, ab.bytes());
        List<FileRecord> page = inv.page(ab.day(), "", 1);
        assertEquals(1, page.size());
        assertEquals(1, inv.page(ab.day(), page.get(0).md5(), 10).size());
    }
}
