package io.jfastdfs.cluster;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.ServerProcess;
import io.jfastdfs.testkit.TestServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measurements for the cluster note, not a test (speed is never asserted): replication latency from
 * upload ack to indexed-and-on-disk on a peer (p50/p99), and the catch-up time of a node restarted
 * after kill -9 with many missed files. Run after {@code ./build.sh test} compiled the tests:
 * {@code java -cp build/test-classes:build/classes:lib/* io.jfastdfs.cluster.ReplicationBench
 * [uploads] [missed] [bytes]}.
 */
public final class ReplicationBench {
    private ReplicationBench() {}

    public static void main(String[] args) throws Exception {
        int uploads = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int missed = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 10_240;
        int port = TestServer.freePort();
        List<Integer> members = List.of(1, 2, 3);
        Path dir3 = Files.createTempDirectory("jfastdfs-bench3");
        Random random = new Random(1);
        try (TestServer n1 = TestServer.start(Nodes.config(1, port, members));
             TestServer n2 = TestServer.start(Nodes.config(2, port, members));
             ServerProcess n3 = ServerProcess.start(dir3, "127.0.0.3", port, Nodes.config(3, port, members),
                     List.of())) {
            for (int i = 0; i < 50; i++) Nodes.upload(1, port, "warm" + i + ".bin", content(random, size)); // JIT
            long[] latency = new long[uploads];
            for (int i = 0; i < uploads; i++) {
                Nodes.Stored f = Nodes.upload(1, port, "lat" + i + ".bin", content(random, size));
                long acked = System.nanoTime();
                while (!Nodes.holds(n2.dir(), f)) Thread.onSpinWait();
                latency[i] = System.nanoTime() - acked;
            }
            Arrays.sort(latency);
            System.out.printf("replication latency, %d uploads of %d bytes, ack -> on disk at a peer:"
                    + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", uploads, size, latency[uploads / 2] / 1e6,
                    latency[(int) (uploads * 0.99)] / 1e6, latency[uploads - 1] / 1e6);

            n3.kill();
            List<Nodes.Stored> files = new ArrayList<>();
            for (int i = 0; i < missed; i++) {
                files.add(Nodes.upload(1 + i % 2, port, "missed" + i + ".bin", content(random, size)));
            }
            long start = System.nanoTime();
            n3.launch();
            long up = System.nanoTime();
            int next = 0;
            while (next < files.size()) {
                if (Nodes.holds(dir3, files.get(next))) next++;
                else Thread.sleep(5);
            }
            long done = System.nanoTime();
            System.out.printf("catch-up after kill -9: %d missed files of %d bytes in %.2f s after the restarted"
                    + " node answered (%.2f s including JVM start)%n", missed, size, (done - up) / 1e9,
                    (done - start) / 1e9);
        } finally {
            Files2.deleteTree(dir3);
        }
    }

    private static byte[] content(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        byte[] tag = Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, b, 0, Math.min(tag.length, size));
        return b;
    }
}
