package io.jfastdfs.cluster;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.fileInfo;
import static io.jfastdfs.cluster.Nodes.gone;
import static io.jfastdfs.cluster.Nodes.host;
import static io.jfastdfs.cluster.Nodes.serves;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three in-process nodes on 127.0.0.1, .2 and .3 (one port), every node a peer of the others. */
class ReplicationTest {
    static int port;
    static TestServer[] nodes;

    @BeforeAll
    static void start() throws Exception {
        port = TestServer.freePort();
        nodes = Nodes.start(3, port);
    }

    @AfterAll
    static void stop() {
        for (TestServer s : nodes) s.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void uploadOnEachNodeAppearsOnTheOtherTwoWithTheSamePathMd5AndTime() throws Exception {
        for (int origin = 1; origin <= 3; origin++) {
            Nodes.Stored f = Nodes.upload(origin, port, "from" + origin + ".txt", bytes("uploaded on node " + origin));
            Map<?, ?> there = fileInfo(origin, port, f.md5());
            for (int n = 1; n <= 3; n++) {
                int node = n;
                await(30, "node " + node + " holds " + f.path(), () -> Nodes.holds(nodes[node - 1].dir(), f)
                        && Nodes.indexed(node, port, f.md5()));
                assertTrue(serves(f.on(node, port), f.content()));
                Map<?, ?> info = fileInfo(node, port, f.md5());
                assertEquals(f.md5(), info.get("md5"));
                assertEquals(there.get("path"), info.get("path"));
                assertEquals(there.get("name"), info.get("name"));
                assertEquals(there.get("timeStamp"), info.get("timeStamp"));
                assertEquals(there.get("scene"), info.get("scene"));
                assertEquals(Http.get(f.on(origin, port)).header("Last-Modified"),
                        Http.get(f.on(node, port)).header("Last-Modified"));
            }
        }
    }

    @Test
    void tusUploadReplicatesWithItsUploadId() throws Exception {
        byte[] data = bytes("uploaded with tus on node 2");
        HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(host(2, port) + "/group1/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(data.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(bytes("tus.bin")))
                .POST(HttpRequest.BodyPublishers.noBody());
        String location = Http.send(create).header("Location");
        Http.Resp done = Http.send(HttpRequest.newBuilder(URI.create(location)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data)));
        assertEquals(204, done.status());
        String id = location.substring(location.lastIndexOf('/') + 1);

        for (int n : new int[] {1, 3}) {
            await(30, "node " + n + " knows tus id " + id, () -> Nodes.indexed(n, port, id));
            Map<?, ?> info = fileInfo(n, port, id);
            assertEquals(Files2.md5(data), info.get("md5"));
            String stored = "".equals(info.get("rename")) ? (String) info.get("name") : (String) info.get("rename");
            String path = "/group1/" + ((String) info.get("path")).substring("files/".length()) + "/" + stored;
            assertTrue(Nodes.holds(nodes[n - 1].dir(), new Nodes.Stored(path, id, data)), path);
        }
    }

    @Test
    void deleteOnOneNodeRemovesTheFileEverywhere() throws Exception {
        Nodes.Stored f = Nodes.upload(1, port, "doomed.txt", bytes("delete me everywhere"));
        for (int n = 2; n <= 3; n++) {
            int node = n;
            await(30, "replicated to node " + node, () -> Nodes.holds(nodes[node - 1].dir(), f)
                    && Nodes.indexed(node, port, f.md5()));
        }
        Map<?, ?> reply = (Map<?, ?>) Json.parse(Http.get(host(2, port) + "/group1/delete?md5=" + f.md5()).text());
        assertEquals("remove success", reply.get("message"));
        for (int n = 1; n <= 3; n++) {
            int node = n;
            await(30, "deleted on node " + node, () -> gone(f.on(node, port)));
            assertNull(fileInfo(node, port, f.md5()));
        }
    }

    @Test
    void downloadMissFetchesTheFileFromAPeerServesItAndKeepsIt() throws Exception {
        Nodes.Stored f = Nodes.upload(1, port, "lost.txt", bytes("bytes that node 3 loses"));
        await(30, "replicated to node 3", () -> Nodes.holds(nodes[2].dir(), f));
        Path onDisk = nodes[2].dir().resolve("files/" + f.path().substring("/group1/".length()));
        Files.delete(onDisk);

        Http.Resp r = Http.get(f.on(3, port));
        assertEquals(200, r.status());
        assertArrayEquals(f.content(), r.body());
        await(30, "node 3 keeps its copy", () -> Nodes.holds(nodes[2].dir(), f));
    }

    @Test
    void downloadMissProxiesRangesOfFilesOnlyAPeerHas() throws Exception {
        Path manual = nodes[0].dir().resolve("files/manual/copied.txt");
        Files.createDirectories(manual.getParent());
        Files.writeString(manual, "0123456789 copied by hand onto node 1");

        Http.Resp full = Http.get(host(2, port) + "/group1/manual/copied.txt?download=0");
        assertEquals(200, full.status());
        assertEquals("0123456789 copied by hand onto node 1", full.text());
        assertEquals("text/plain; charset=utf-8", full.header("Content-Type"));

        Http.Resp part = Http.get(host(3, port) + "/group1/manual/copied.txt", "Range", "bytes=2-5");
        assertEquals(206, part.status());
        assertEquals("2345", part.text());
        assertEquals("bytes 2-5/37", part.header("Content-Range"));

        assertEquals(404, Http.get(host(2, port) + "/group1/manual/nowhere.txt").status());
    }

    @Test
    void forgedOrUnsignedPeerCallsAreRefused() throws Exception {
        Nodes.Stored f = Nodes.upload(1, port, "secret.txt", bytes("peers only"));
        String from = "from=" + URLEncoder.encode(host(2, port), StandardCharsets.UTF_8);
        String events = "/group1/_peer/events?after=0&limit=10&" + from;
        String file = "/group1/_peer/file?md5=" + f.md5() + "&" + from;
        long now = System.currentTimeMillis() / 1000;
        String node1 = host(1, port);

        for (String[] call : List.of(
                new String[] {"GET", events},
                new String[] {"GET", events, Nodes.signature("not-the-secret", "GET", events, now)},
                new String[] {"GET", events, Nodes.signature(Nodes.SECRET, "GET", events, now - 600)},
                new String[] {"GET", events, Nodes.signature(Nodes.SECRET, "POST", events, now)},
                new String[] {"GET", file},
                new String[] {"GET", file, Nodes.signature(Nodes.SECRET, "GET", file.replace(f.md5(), "x"), now)},
                new String[] {"POST", "/group1/_peer/nudge?from=http://127.0.0.9:" + port},
                new String[] {"GET", "/group1/_peer/events?after=0&from="
                        + URLEncoder.encode("http://127.0.0.9:" + port, StandardCharsets.UTF_8)})) {
            Http.Resp r = call.length == 2 ? Nodes.from("127.0.0.2", call[0], node1 + call[1])
                    : Nodes.from("127.0.0.2", call[0], node1 + call[1], PeerAuth.HEADER, call[2]);
            assertEquals(403, r.status(), String.join(" ", call));
            assertEquals(0, r.body().length);
        }
        Http.Resp signed = Nodes.from("127.0.0.2", "GET", node1 + file, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "GET", file, now));
        assertArrayEquals(f.content(), signed.body());

        String g = node1 + "/group1";
        String denied = "Can only be called by the cluster ip or 127.0.0.1 or admin_ips(cfg.json),current ip:127.0.0.4";
        assertEquals(denied, Nodes.from("127.0.0.4", "GET", g + "/get_md5s_by_date?date=20261124").text());
        assertTrue(Nodes.from("127.0.0.4", "GET", g + "/sync?date=20261124").text()
                .contains("client must be in cluster"));
        assertTrue(Nodes.from("127.0.0.4", "GET", g + "/repair").text().contains(denied));
        assertEquals(0, Nodes.from("127.0.0.4", "POST", g + "/syncfile_info").body().length);
        String md5s = "/group1/get_md5s_by_date?date=20261124&" + from;
        assertEquals(200, Nodes.from("127.0.0.4", "GET", node1 + md5s, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "GET", md5s, now)).status(), "a signed peer call counts as admin");
    }

    @Test
    void statusShowsEveryPeerUpWithItsQueues() throws Exception {
        Nodes.upload(2, port, "status.txt", bytes("for the status page"));
        await(30, "all peers up on node 1", () -> {
            try {
                Map<?, ?> env = (Map<?, ?>) Json.parse(Http.get(host(1, port) + "/group1/status").text());
                Map<?, ?> data = (Map<?, ?>) env.get("data");
                Map<?, ?> states = (Map<?, ?>) data.get("Fs.PeerStates");
                return states.size() == 2
                        && states.values().stream().allMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("up")))
                        && data.get("Fs.QueueToPeers") instanceof Number
                        && data.get("Fs.QueueFromPeers") instanceof Number;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aNodeListedUnderAnotherNameRecognisesItselfAndDoesNotPull() throws Exception {
        int other = TestServer.freePort();
        Map<String, Object> cfg = new java.util.LinkedHashMap<>(Nodes.config(1, other, List.of(1)));
        cfg.put("peers", List.of(host(1, other), "http://localhost:" + other));
        try (TestServer alone = TestServer.start(cfg)) {
            Path log = alone.dir().resolve("log/fileserver.log");
            await(30, "the node notices it is its own peer",
                    () -> Files.exists(log) && read(log).contains("is this node itself"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void syncAndRepairAnswerWithTheGoFastdfsLiterals() throws Exception {
        String g = host(1, port) + "/group1";
        assertEquals("{\n  \"data\": null,\n  \"message\": \"require paramete date \\u0026force , ?date=20181230\","
                + "\n  \"status\": \"fail\"\n}",
                Http.get(g + "/sync").text());
        assertEquals("{\n  \"data\": null,\n  \"message\": \"job is running\",\n  \"status\": \"ok\"\n}",
                Http.get(g + "/sync?date=2026.11.24&force=1").text());
        assertEquals("{\n  \"data\": null,\n  \"message\": \"repair job start...\",\n  \"status\": \"ok\"\n}",
                Http.get(g + "/repair?force=0").text());
        assertTrue(Http.get(g + "/repair_stat?date=20261124").text().contains("\"date\": \"20261124\""));
    }
}
