package io.jfastdfs.cluster;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.fileInfo;
import static io.jfastdfs.cluster.Nodes.gone;
import static io.jfastdfs.cluster.Nodes.host;
import static io.jfastdfs.cluster.Nodes.serves;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merged small files in a 2-node group (API.md §3.6, §5.3 item 8): same container, same offset, same URL. */
class MergedReplicationTest {
    static int port;
    static TestServer[] nodes = new TestServer[2];

    @BeforeAll
    static void start() throws Exception {
        port = TestServer.freePort();
        for (int n = 1; n <= 2; n++) {
            Map<String, Object> cfg = new HashMap<>(Nodes.config(n, port, List.of(1, 2)));
            cfg.put("enable_merge_small_file", true);
            nodes[n - 1] = TestServer.start(cfg);
        }
    }

    @AfterAll
    static void stop() {
        for (TestServer s : nodes) s.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The slot's bytes in node N's own copy of the container: flag byte then content. */
    private static byte[] slot(int n, Nodes.Stored f) throws Exception {
        String[] seg = f.path().split("/");
        String[] parts = seg[seg.length - 1].split(",");
        Path container = nodes[n - 1].dir().resolve("files/haystack/" + seg[seg.length - 2] + "/" + parts[0]);
        if (!Files.exists(container)) return new byte[0];
        byte[] all = Files.readAllBytes(container);
        int at = Integer.parseInt(parts[1]);
        return Arrays.copyOfRange(all, Math.min(at, all.length), Math.min(at + Integer.parseInt(parts[2]), all.length));
    }

    private static byte[] flagged(byte[] content) {
        byte[] b = new byte[content.length + 1];
        b[0] = '1';
        System.arraycopy(content, 0, b, 1, content.length);
        return b;
    }

    @Test
    void mergedUploadIsWrittenAtTheSameContainerAndOffsetOnThePeer() throws Exception {
        Nodes.upload(1, port, "pad.txt", bytes("moves the next slot off offset 0"));
        Nodes.Stored f = Nodes.upload(1, port, "small.txt", bytes("a merged small file from node 1"));
        assertTrue(f.path().startsWith("/group1/haystack/1/100,"), f.path());
        await(30, "node 2 serves " + f.path(), () -> serves(f.on(2, port), f.content())
                && Nodes.indexed(2, port, f.md5()));
        assertArrayEquals(flagged(f.content()), slot(2, f));
        Map<?, ?> origin = fileInfo(1, port, f.md5());
        Map<?, ?> replica = fileInfo(2, port, f.md5());
        for (String k : List.of("name", "rename", "path", "size", "offset", "timeStamp")) {
            assertEquals(origin.get(k), replica.get(k), k);
        }
        assertEquals(Http.get(f.on(1, port)).header("Last-Modified"), Http.get(f.on(2, port)).header("Last-Modified"));
    }

    @Test
    void eachNodeMergesIntoItsOwnPeerIdDirectory() throws Exception {
        Nodes.Stored f = Nodes.upload(2, port, "from2.txt", bytes("merged on node 2"));
        assertTrue(f.path().startsWith("/group1/haystack/2/100,"), f.path());
        await(30, "node 1 holds " + f.path(), () -> Arrays.equals(flagged(f.content()), slotOrEmpty(1, f)));
        assertTrue(serves(f.on(1, port), f.content()));
    }

    @Test
    void deleteOnThePeerErasesTheSlotOnBothNodes() throws Exception {
        Nodes.Stored f = Nodes.upload(1, port, "doomed.txt", bytes("merged and then deleted everywhere"));
        await(30, "replicated to node 2", () -> Nodes.indexed(2, port, f.md5()));
        Map<?, ?> reply = (Map<?, ?>) Json.parse(Http.get(host(2, port) + "/group1/delete?md5=" + f.md5()).text());
        assertEquals("remove success", reply.get("message"));
        for (int n = 1; n <= 2; n++) {
            int node = n;
            await(30, "deleted on node " + node, () -> gone(f.on(node, port)) && slotOrEmpty(node, f)[0] == '0');
        }
    }

    @Test
    void truncatedContainerIsReadRepairedFromThePeer() throws Exception {
        Nodes.Stored f = Nodes.upload(1, port, "repair.txt", bytes("node 2 loses the tail of its container"));
        await(30, "replicated to node 2", () -> Nodes.indexed(2, port, f.md5())
                && Arrays.equals(flagged(f.content()), slotOrEmpty(2, f)));
        String[] parts = f.path().substring(f.path().lastIndexOf('/') + 1).split(",");
        Path container = nodes[1].dir().resolve("files/haystack/1/" + parts[0]);
        try (RandomAccessFile raf = new RandomAccessFile(container.toFile(), "rw")) {
            raf.setLength(Long.parseLong(parts[1]) + 3);
        }
        Http.Resp r = Http.get(f.on(2, port));
        assertEquals(200, r.status());
        assertArrayEquals(f.content(), r.body());
        Http.Resp part = Http.get(f.on(2, port), "Range", "bytes=5-10");
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(f.content(), 5, 11), part.body());
    }

    @Test
    void withPathIdentityThePeerVerifiesTheDigestTheSourceComputesOverTheSlot() throws Exception {
        int p = TestServer.freePort();
        Map<String, Object> c1 = new HashMap<>(Nodes.config(1, p, List.of(1, 2)));
        Map<String, Object> c2 = new HashMap<>(Nodes.config(2, p, List.of(1, 2)));
        for (Map<String, Object> c : List.of(c1, c2)) {
            c.put("enable_merge_small_file", true);
            c.put("enable_distinct_file", false);
        }
        try (TestServer n1 = TestServer.start(c1); TestServer n2 = TestServer.start(c2)) {
            byte[] content = bytes("path identity, merged");
            Http.Resp r = Http.upload(host(1, p) + "/group1/upload", "pi.txt", content, Map.of("output", "json"));
            Map<?, ?> m = (Map<?, ?>) Json.parse(r.text());
            String path = (String) m.get("path");
            String key = (String) m.get("md5");
            assertTrue(path.startsWith("/group1/haystack/1/100,"), path);
            String rel = "files/" + path.substring("/group1/".length());
            assertEquals(Files2.md5(bytes(rel)), key);
            await(30, "node 2 serves " + path, () -> serves(host(2, p) + path, content) && Nodes.indexed(2, p, key));
            String[] parts = path.substring(path.lastIndexOf('/') + 1).split(",");
            for (TestServer n : List.of(n1, n2)) {
                byte[] c = Files.readAllBytes(n.dir().resolve("files/haystack/1/" + parts[0]));
                int at = Integer.parseInt(parts[1]);
                assertArrayEquals(flagged(content), Arrays.copyOfRange(c, at, at + content.length + 1));
            }
        }
    }

    private static byte[] slotOrEmpty(int n, Nodes.Stored f) {
        try {
            byte[] b = slot(n, f);
            return b.length == 0 ? new byte[1] : b;
        } catch (Exception e) {
            return new byte[1];
        }
    }
}
