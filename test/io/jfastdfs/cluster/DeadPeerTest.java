package io.jfastdfs.cluster;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.ServerProcess;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jfastdfs.cluster.Nodes.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that accepts connections but never answers (the worst kind of dead, issue #449) costs the
 * survivors nothing but a periodic probe: uploads keep working and replicating between the live
 * nodes, and the uploading node's open files and CPU stay flat.
 */
// timing-sensitive (convergence deadlines, CPU and fd counts, a 1 GiB stream): runs with no other test beside it
@Isolated
class DeadPeerTest {
    private static final List<Integer> MEMBERS = List.of(1, 2, 3);

    /** Open file descriptors of a process (Linux). */
    private static long fds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }

    /** User + system CPU time of a process in seconds (Linux, clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    @Test
    void hangingPeerCostsNoSocketsNoCpuAndNoUploads() throws Exception {
        int port = TestServer.freePort();
        Path dir1 = Files.createTempDirectory("jfastdfs-node1");
        // accepts into a backlog of one and never reads: connects hang or time out, calls never answer
        try (ServerSocket dead = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.3"));
             TestServer n2 = TestServer.start(Nodes.config(2, port, MEMBERS));
             ServerProcess n1 = ServerProcess.start(dir1, "127.0.0.1", port, Nodes.config(1, port, MEMBERS),
                     List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))) {
            Nodes.Stored warm = Nodes.upload(1, port, "warmup.txt", "first".getBytes(StandardCharsets.UTF_8));
            await(30, "node 2 replicates", () -> Nodes.holds(n2.dir(), warm));
            long fdsBefore = fds(n1.pid());

            List<Nodes.Stored> files = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] content = ("file " + i + " while peer 3 hangs").getBytes(StandardCharsets.UTF_8);
                files.add(Nodes.upload(1, port, "f" + i + ".txt", content));
            }
            long t0 = System.nanoTime();
            await(60, "node 2 replicates all 200", () -> files.stream().allMatch(f -> Nodes.holds(n2.dir(), f)));
            System.out.printf("dead peer: the live peer replicated 200 uploads %d ms after the last ack%n",
                    (System.nanoTime() - t0) / 1_000_000);
            long fdsAfter = fds(n1.pid());

            double cpuStart = cpuSeconds(n1.pid());
            Thread.sleep(5_000);
            double idleCpu = cpuSeconds(n1.pid()) - cpuStart;
            long fdsIdle = fds(n1.pid());
            System.out.printf("dead peer: fds %d -> %d after 200 uploads -> %d idle; idle CPU %.2f s in 5 s%n",
                    fdsBefore, fdsAfter, fdsIdle, idleCpu);
            assertTrue(fdsAfter - fdsBefore < 30, "open files grew from " + fdsBefore + " to " + fdsAfter);
            assertTrue(fdsIdle - fdsBefore < 30, "open files grew from " + fdsBefore + " to " + fdsIdle);
            assertTrue(idleCpu < 1.5, "idle node burnt " + idleCpu + " s of CPU in 5 s");
        } finally {
            Files2.deleteTree(dir1);
        }
    }
}
