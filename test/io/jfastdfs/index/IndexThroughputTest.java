package io.jfastdfs.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jfastdfs.index.Records.NOV_24;
import static io.jfastdfs.index.Records.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit under load; prints latency and throughput for both synchronous settings (no speed asserts). */
class IndexThroughputTest {
    private static final int SEQUENTIAL = 500;
    private static final int THREADS = 64;
    private static final int PER_THREAD = 1_000;

    @TempDir
    Path dir;

    @Test
    void concurrentInsertsAllLandWithSynchronousFull() throws Exception {
        measure(Database.Synchronous.FULL);
    }

    @Test
    void concurrentInsertsAllLandWithSynchronousNormal() throws Exception {
        measure(Database.Synchronous.NORMAL);
    }

    private void measure(Database.Synchronous sync) throws Exception {
        Database.Options options = new Database.Options(sync, 4, Schema.CURRENT);
        try (Database db = Database.open(dir.resolve("index.db"), options)) {
            FileIndex index = new FileIndex(db);

            long[] micros = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                FileRecord rec = file("seq" + i, NOV_24 + i, 100);
                long start = System.nanoTime();
                index.insert(rec, List.of());
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(micros);

            long commitsBefore = db.writer().commits();
            long start = System.nanoTime();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            FileRecord rec = file("t" + thread + "-" + i, NOV_24 + i, 100);
                            assertTrue(index.insert(rec, List.of("tus-" + thread + "-" + i)).inserted());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long batches = db.writer().commits() - commitsBefore;

            long total = SEQUENTIAL + (long) THREADS * PER_THREAD;
            assertEquals(total, index.count());
            assertEquals(total, index.stats().stream().mapToLong(DailyStat::count).sum());
            FileRecord sample = file("t17-999", NOV_24 + 999, 100);
            assertEquals(Optional.of(sample), index.find("tus-17-999"));

            System.out.printf("synchronous=%s: sequential insert p50 %d us, p99 %d us, mean %.0f us; "
                            + "%d threads x %d inserts: %.0f inserts/s, %d batches (mean %.1f per commit)%n",
                    sync, micros[SEQUENTIAL / 2], micros[SEQUENTIAL * 99 / 100],
                    Arrays.stream(micros).average().orElse(0), THREADS, PER_THREAD,
                    THREADS * PER_THREAD / seconds, batches, (double) THREADS * PER_THREAD / batches);
        }
    }
}
