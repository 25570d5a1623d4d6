package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 64 uploads at once all land: distinct names under one name's collisions, one copy under one digest. */
class ConcurrentUploadsTest {
    static final int N = 64;
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    /** Runs {@code N} tasks released at the same moment; returns their results in order. */
    private static <T> List<T> allAtOnce(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] content(int i) {
        return ("concurrent upload number " + i + " ").repeat(1000 + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sixtyFourUploadsOfOneNameAllLandUnderDistinctNames() throws Exception {
        List<String> urls = allAtOnce(i -> () -> {
            Http.Resp r = Http.upload(server.url() + "/upload", "same.txt", content(i), Map.of("path", "conc"));
            assertEquals(200, r.status(), r.text());
            return r.text();
        });
        assertEquals(N, new HashSet<>(urls).size(), urls.toString());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(content(i), Http.get(urls.get(i)).body(), urls.get(i));
            Map<String, Object> info = Replies.data(Http.get(server.url() + "/get_file_info?md5=" + Files2.md5(content(i))));
            assertEquals(urls.get(i).substring(0, urls.get(i).indexOf('?')),
                    server.base() + "/group1/conc/" + info.get("name"));
        }
        Set<String> names = new HashSet<>(Replies.storedFiles(server.dir()).stream().filter(p -> p.startsWith("conc/")).toList());
        Set<String> expected = new HashSet<>();
        expected.add("conc/same.txt");
        for (int i = 0; i < N - 1; i++) expected.add("conc/" + i + "_same.txt");
        assertEquals(expected, names);
    }

    @Test
    void sixtyFourIdenticalUploadsKeepOneCopy() throws Exception {
        byte[] same = "identical bytes racing in".repeat(500).getBytes(StandardCharsets.UTF_8);
        List<String> urls = allAtOnce(i -> () -> Http.upload(server.url() + "/upload", "dup" + i + ".txt", same,
                Map.of("path", "race")).text());
        assertEquals(1, new HashSet<>(urls).size(), new HashSet<>(urls).toString());
        assertEquals(1, Replies.storedFiles(server.dir()).stream().filter(p -> p.startsWith("race/")).count());
        assertArrayEquals(same, Http.get(urls.get(0)).body());
    }
}
