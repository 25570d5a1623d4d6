package io.jfastdfs.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.jfastdfs.index.Records.NOV_24;
import static io.jfastdfs.index.Records.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void failingTaskRollsBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        try (Database db = Database.open(dir.resolve("index.db"));
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            FileIndex index = new FileIndex(db);
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> db.write(c -> {
                writerBusy.countDown();
                await(release);
                return null;
            }), callers);
            writerBusy.await();
            long commitsBefore = db.writer().commits();

            List<CompletableFuture<InsertResult>> good = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                FileRecord rec = file("good" + i, NOV_24, 10);
                good.add(CompletableFuture.supplyAsync(() -> index.insert(rec, List.of()), callers));
            }
            FileRecord sqlVictim = file("sql-error", NOV_24, 10);
            CompletableFuture<Object> sqlError = CompletableFuture.supplyAsync(() -> db.write(c -> {
                FileRows.insert(c, sqlVictim);
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                }
            }), callers);
            FileRecord runtimeVictim = file("runtime-error", NOV_24, 10);
            CompletableFuture<Object> runtimeError = CompletableFuture.supplyAsync(() -> db.write(c -> {
                FileRows.insert(c, runtimeVictim);
                throw new IllegalStateException("task bug");
            }), callers);
            waitUntil(() -> db.writer().queued() == 10);
            release.countDown();
            blocker.join();

            for (CompletableFuture<InsertResult> f : good) assertTrue(f.join().inserted());
            Throwable sql = assertThrows(Exception.class, sqlError::join).getCause();
            assertInstanceOf(IndexException.class, sql);
            assertInstanceOf(SQLException.class, sql.getCause());
            Throwable bug = assertThrows(Exception.class, runtimeError::join).getCause();
            assertInstanceOf(IllegalStateException.class, bug);
            assertEquals("task bug", bug.getMessage());

            assertEquals(commitsBefore + 2, db.writer().commits(), "blocker's batch, then one batch of ten");
            assertEquals(8, index.count());
            assertEquals(Optional.empty(), index.find(sqlVictim.md5()));
            assertEquals(Optional.empty(), index.find(runtimeVictim.md5()));
            assertEquals(List.of(new DailyStat(DailyStat.dayOf(NOV_24), 8, 80)), index.stats());
        }
    }

    @Test
    void reopenedIndexKeepsEverything() {
        FileRecord a = file("a", NOV_24, 1);
        FileRecord b = file("b", NOV_24, 2);
        try (Database db = Database.open(dir.resolve("index.db"))) {
            FileIndex index = new FileIndex(db);
            index.insert(a, List.of("tus-a"));
            index.insert(b, List.of());
            index.delete(b.md5());
        }
        try (Database db = Database.open(dir.resolve("index.db"))) {
            FileIndex index = new FileIndex(db);
            assertEquals(Optional.of(a), index.find("tus-a"));
            assertEquals(Optional.of(a), index.find(a.pathKey()));
            assertEquals(Optional.empty(), index.find(b.md5()));
            assertEquals(List.of(new DailyStat(DailyStat.dayOf(NOV_24), 1, 1)), index.stats());
        }
    }

    @Test
    void migrationStepsRunOnceEachAndInOrder() {
        Path file = dir.resolve("index.db");
        List<List<String>> steps = new ArrayList<>(List.of(
                List.of("CREATE TABLE runs (step INTEGER)", "INSERT INTO runs VALUES (1)"),
                List.of("INSERT INTO runs VALUES (2)")));
        try (Database db = open(file, steps)) {
            assertEquals(List.of(1, 2), runs(db));
        }
        try (Database db = open(file, steps)) {
            assertEquals(List.of(1, 2), runs(db));
            assertEquals(2, userVersion(db));
        }
        steps.add(List.of("INSERT INTO runs VALUES (3)"));
        try (Database db = open(file, steps)) {
            assertEquals(List.of(1, 2, 3), runs(db));
            assertEquals(3, userVersion(db));
        }
    }

    @Test
    void failedMigrationStepLeavesThePreviousVersion() {
        Path file = dir.resolve("index.db");
        List<String> first = List.of("CREATE TABLE runs (step INTEGER)", "INSERT INTO runs VALUES (1)");
        open(file, List.of(first)).close();

        IndexException e = assertThrows(IndexException.class,
                () -> open(file, List.of(first, List.of("INSERT INTO runs VALUES (2)", "NOT SQL"))));
        assertTrue(e.getMessage().contains("step 2"), e.getMessage());
        try (Database db = open(file, List.of(first))) {
            assertEquals(List.of(1), runs(db));
            assertEquals(1, userVersion(db));
        }
    }

    @Test
    void databaseFromANewerBuildIsRefused() {
        Path file = dir.resolve("index.db");
        open(file, List.of(List.of("CREATE TABLE a (x)"), List.of("CREATE TABLE b (x)"))).close();

        IndexException e = assertThrows(IndexException.class, () -> open(file, List.of(List.of("CREATE TABLE a (x)"))));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void closedDatabaseRefusesWorkAndClosesTwice() {
        Database db = Database.open(dir.resolve("index.db"));
        db.close();
        db.close();
        assertThrows(IndexException.class, () -> db.write(c -> 1));
        assertThrows(IndexException.class, () -> db.read(c -> 1));
    }

    @Test
    void writesQueuedBeforeCloseStillCommit() throws Exception {
        Path file = dir.resolve("index.db");
        Database db = Database.open(file);
        FileIndex index = new FileIndex(db);
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            callers.submit(() -> db.write(c -> {
                writerBusy.countDown();
                await(release);
                return null;
            }));
            writerBusy.await();
            for (int i = 0; i < 5; i++) {
                FileRecord rec = file("queued" + i, NOV_24, 1);
                callers.submit(() -> index.insert(rec, List.of()));
            }
            waitUntil(() -> db.writer().queued() == 5);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(db::close, callers);
            release.countDown();
            closing.join();
        }
        try (Database reopened = Database.open(file)) {
            assertEquals(5, new FileIndex(reopened).count());
        }
    }

    @Test
    void writeInsideAWriteFailsInsteadOfDeadlocking() {
        try (Database db = Database.open(dir.resolve("index.db"))) {
            assertThrows(IllegalStateException.class, () -> db.write(c -> db.write(inner -> 1)));
            assertEquals(1, (int) db.write(c -> 1), "the writer still works");
        }
    }

    @Test
    void readInsideAReadFailsInsteadOfDeadlocking() {
        try (Database db = Database.open(dir.resolve("index.db"))) {
            assertThrows(IllegalStateException.class, () -> db.read(c -> db.read(inner -> 1)));
            assertEquals(1, (int) db.read(c -> 1), "the readers still work");
        }
    }

    @Test
    void readsSeeCommittedWritesFromReadOnlyConnections() {
        try (Database db = Database.open(dir.resolve("index.db"))) {
            FileIndex index = new FileIndex(db);
            index.insert(file("a", NOV_24, 1), List.of());
            assertEquals(1, index.count());
            IndexException e = assertThrows(IndexException.class,
                    () -> db.read(c -> c.createStatement().executeUpdate("DELETE FROM files")));
            assertTrue(e.getMessage().contains("readonly"), e.getMessage());
            assertEquals(1, index.count());
        }
    }

    private static Database open(Path file, List<List<String>> steps) {
        return Database.open(file, new Database.Options(Database.Synchronous.FULL, 1, new Schema(steps)));
    }

    private static List<Integer> runs(Database db) {
        return db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT step FROM runs ORDER BY rowid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
            return out;
        });
    }

    private static int userVersion(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement()) {
                return Schema.userVersion(s);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(1);
        }
    }
}
