package io.jfastdfs.cluster;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.ServerProcess;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes that missed writes (killed, or new and empty) catch up on their own within seconds. */
// timing-sensitive (convergence deadlines, CPU and fd counts, a 1 GiB stream): runs with no other test beside it
@Isolated
class CatchUpTest {
    private static final List<Integer> MEMBERS = List.of(1, 2, 3);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads {@code count} files alternately to nodes 1 and 2. */
    private static List<Nodes.Stored> uploadMany(int port, String prefix, int count) throws Exception {
        List<Nodes.Stored> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Nodes.upload(1 + i % 2, port, prefix + i + ".txt", bytes(prefix + " file number " + i)));
        }
        return out;
    }

    private static void delete(int node, int port, String md5) throws Exception {
        Map<?, ?> r = (Map<?, ?>) Json.parse(Http.get(host(node, port) + "/group1/delete?md5=" + md5).text());
        assertEquals("remove success", r.get("message"));
    }

    private static boolean holdsAll(Path dir, List<Nodes.Stored> files) {
        for (Nodes.Stored f : files) if (!Nodes.holds(dir, f)) return false;
        return true;
    }

    @Test
    void nodeKilledWithKill9CatchesUpWithinTenSecondsOfRestart() throws Exception {
        int port = TestServer.freePort();
        Path dir3 = Files.createTempDirectory("jfastdfs-node3");
        try (TestServer n1 = TestServer.start(Nodes.config(1, port, MEMBERS));
             TestServer n2 = TestServer.start(Nodes.config(2, port, MEMBERS));
             ServerProcess n3 = ServerProcess.start(dir3, "127.0.0.3", port, Nodes.config(3, port, MEMBERS),
                     List.of("-Xmx256m"))) {
            Nodes.Stored before = Nodes.upload(1, port, "before.txt", bytes("node 3 has this one"));
            await(30, "node 3 got the first file", () -> Nodes.holds(dir3, before));

            n3.kill();
            List<Nodes.Stored> missed = uploadMany(port, "missed", 40);
            delete(2, port, before.md5());
            await(30, "node 1 applied the delete", () -> !Nodes.holds(n1.dir(), before));
            Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) Json.parse(Http.get(host(1, port) + "/group1/status").text())).get("data");
            Map<?, ?> seen = (Map<?, ?>) ((Map<?, ?>) status.get("Fs.PeerStates")).get(host(3, port));
            assertTrue(((Number) seen.get("behind")).longValue() >= 20 && ((Number) seen.get("behindSince")).longValue() > 0,
                    "node 1 counts what the dead node 3 lacks: " + seen);

            n3.launch();
            long restarted = System.nanoTime();
            await(10, "node 3 caught up after kill -9", () -> holdsAll(dir3, missed) && !Nodes.holds(dir3, before));
            System.out.printf("catch-up after kill -9: %d missed files in %.2f s%n", missed.size(),
                    (System.nanoTime() - restarted) / 1e9);
            await(30, "node 3 indexed what it holds", () -> Nodes.indexed(3, port, missed.get(7).md5()));
            Map<?, ?> info = Nodes.fileInfo(3, port, missed.get(7).md5());
            assertEquals(Files2.md5(missed.get(7).content()), info.get("md5"));
        } finally {
            Files2.deleteTree(dir3);
        }
    }

    @Test
    void newEmptyNodeConvergesWithoutAdminAction() throws Exception {
        int port = TestServer.freePort();
        try (TestServer n1 = TestServer.start(Nodes.config(1, port, MEMBERS));
             TestServer n2 = TestServer.start(Nodes.config(2, port, MEMBERS))) {
            List<Nodes.Stored> files = uploadMany(port, "existing", 30);
            Nodes.Stored removed = files.remove(5);
            delete(1, port, removed.md5());

            long started = System.nanoTime();
            try (TestServer n3 = TestServer.start(Nodes.config(3, port, MEMBERS))) {
                await(10, "new node holds every file", () -> holdsAll(n3.dir(), files));
                System.out.printf("new empty node: %d files in %.2f s%n", files.size(),
                        (System.nanoTime() - started) / 1e9);
                assertFalse(Nodes.holds(n3.dir(), removed));
                assertNull(Nodes.fileInfo(3, port, removed.md5()));
            }
        }
    }
}
