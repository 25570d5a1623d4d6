package io.jfastdfs.cluster;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real node on 127.0.0.1 whose only peer is a scripted fake on 127.0.0.2. */
class FakePeerTest {
    static final long NOV_24 = 1_795_521_600L;
    static int port;
    static TestServer node;
    static FakePeer fake;

    @BeforeAll
    static void start() throws Exception {
        port = TestServer.freePort();
        fake = new FakePeer("127.0.0.2", port, host(1, port));
        node = TestServer.start(Nodes.config(1, port, List.of(1, 2)));
    }

    @AfterAll
    static void stop() {
        node.close();
        fake.close();
    }

    private static Path onNode(FileRecord r) {
        return node.dir().resolve(r.relativeFile());
    }

    private static boolean holds(FileRecord r, byte[] content) {
        try {
            return Files.isRegularFile(onNode(r)) && Arrays.equals(Files.readAllBytes(onNode(r)), content);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void nudgeNode() throws Exception {
        String pq = "/group1/_peer/nudge?from=" + java.net.URLEncoder.encode(host(2, port), StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis() / 1000;
        Nodes.from("127.0.0.2", "POST", host(1, port) + pq, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "POST", pq, ts));
    }

    @Test
    void corruptTransferIsDetectedByItsDigestAndFetchedAgainNeverStored() throws Exception {
        byte[] right = "the right bytes of the replica".getBytes(StandardCharsets.UTF_8);
        byte[] sameSize = "the wrong bytes of the replica".getBytes(StandardCharsets.UTF_8);
        byte[] shorter = "short".getBytes(StandardCharsets.UTF_8);
        FileRecord rec = fake.offer("corrupt.bin", right, NOV_24);
        fake.corruptFirst(rec.md5(), sameSize, shorter);
        AtomicBoolean sawWrong = new AtomicBoolean();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                try {
                    Path p = onNode(rec);
                    if (Files.exists(p) && !Arrays.equals(Files.readAllBytes(p), right)) sawWrong.set(true);
                } catch (java.io.IOException e) {
                    // renamed into place between exists and read: look again
                }
            }
        });
        fake.announce(rec);
        nudgeNode();

        await(30, "the right bytes stored after retries", () -> holds(rec, right) && Nodes.indexed(1, port, rec.md5()));
        watching.set(false);
        watcher.join();
        assertFalse(sawWrong.get(), "wrong bytes were visible under the stored path");
        assertTrue(fake.fileCalls(rec.md5()) >= 3, "fetched " + fake.fileCalls(rec.md5()) + " times");
        try (var tmp = Files.list(node.dir().resolve("files/_tmp"))) {
            assertEquals(0, tmp.count());
        }
        Map<?, ?> info = Nodes.fileInfo(1, port, rec.md5());
        assertEquals(rec.path(), info.get("path"));
        assertEquals(NOV_24 * 1000, Files.getLastModifiedTime(onNode(rec)).toMillis());
        assertEquals(0, fake.badSignatures());
    }

    @Test
    void aPathIdentityFileWhoseSourceFailsIsFetchedAgainNotSkipped() throws Exception {
        byte[] data = "indexed by its path on the peer".getBytes(StandardCharsets.UTF_8);
        FileRecord rec = fake.offerByPath("by-path.txt", data, NOV_24 - 4 * 86_400);
        fake.failFirst(rec.md5(), 2);
        fake.announce(rec);
        nudgeNode();

        await(30, "stored after the source's errors", () -> holds(rec, data) && Nodes.indexed(1, port, rec.md5()));
        assertTrue(fake.fileCalls(rec.md5()) >= 3, "fetched " + fake.fileCalls(rec.md5()) + " times");
    }

    @Test
    void repairCopiesFilesNoEventMentionsButNeverTombstonedOnes() throws Exception {
        byte[] kept = "found only by repair".getBytes(StandardCharsets.UTF_8);
        byte[] deleted = "deleted here before the peer offered it".getBytes(StandardCharsets.UTF_8);
        FileRecord wanted = fake.offer("repaired.txt", kept, NOV_24 - 86_400);
        FileRecord dead = fake.offer("dead.txt", deleted, NOV_24 - 86_400);
        Map<?, ?> del = (Map<?, ?>) Json.parse(Http.get(host(1, port) + "/group1/delete?md5=" + dead.md5()).text());
        assertEquals("leveldb: not found", del.get("message"));

        Http.get(host(1, port) + "/group1/repair?force=0");
        await(30, "repaired file stored", () -> holds(wanted, kept));
        await(30, "repair finished", () -> logContains("repair done"));
        assertFalse(Files.exists(onNode(dead)));
        assertEquals(0, fake.fileCalls(dead.md5()));
    }

    @Test
    void syncOfADayAndReceiveMd5sFetchWhatThisNodeLacks() throws Exception {
        byte[] a = "synced by date".getBytes(StandardCharsets.UTF_8);
        byte[] b = "announced by receive_md5s".getBytes(StandardCharsets.UTF_8);
        FileRecord byDate = fake.offer("bydate.txt", a, NOV_24 - 2 * 86_400);
        FileRecord byMd5 = fake.offer("bymd5.txt", b, NOV_24 - 3 * 86_400);
        String day = io.jfastdfs.index.DailyStat.dayOf(byDate.timeStamp());

        Http.get(host(1, port) + "/group1/sync?date=" + day + "&force=1");
        await(30, "file of the synced day stored", () -> holds(byDate, a));
        assertEquals(200, Http.get(host(1, port) + "/group1/receive_md5s?md5s=" + byMd5.md5()).status());
        await(30, "file named by receive_md5s stored", () -> holds(byMd5, b));
    }

    @Test
    void deleteOfAFileThisNodeNeverHadIsLoggedForPeers() throws Exception {
        String key = FileRecord.md5Hex("a file only peers ever had");
        Http.get(host(1, port) + "/group1/delete?md5=" + key);
        String pq = "/group1/_peer/events?after=0&limit=1000&from="
                + java.net.URLEncoder.encode(host(2, port), StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis() / 1000;
        Http.Resp r = Nodes.from("127.0.0.2", "GET", host(1, port) + pq, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "GET", pq, ts));
        assertEquals(200, r.status());
        assertTrue(r.text().contains("\"op\":\"del\",\"md5\":\"" + key + "\""), r.text());
    }

    @Test
    void peerCallsWithoutTheGroupPrefixAreServedLikeEveryActionAlias() throws Exception {
        String pq = "/_peer/events?after=0&limit=1&from="
                + java.net.URLEncoder.encode(host(2, port), StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis() / 1000;
        Http.Resp r = Nodes.from("127.0.0.2", "GET", host(1, port) + pq, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "GET", pq, ts));
        assertEquals(200, r.status());
        assertTrue(r.text().startsWith("{\"epoch\":"), r.text());
    }

    @Test
    void statusTellsSinceWhenAPeerLacksPartOfThisNodesLog() throws Exception {
        Nodes.upload(1, port, "for-the-watermark.txt", "a file the fake peer has not read".getBytes(StandardCharsets.UTF_8));
        Map<?, ?> page = (Map<?, ?>) Json.parse(readEvents(0).text());
        long last = ((Number) page.get("last")).longValue();
        assertTrue(last > 0, "the upload is in the node's log");
        Map<?, ?> behind = peerState();
        assertTrue(((Number) behind.get("behind")).longValue() >= last, "everything since 0: " + behind);
        long since = ((Number) behind.get("behindSince")).longValue();
        // the mark may come from an earlier read of this peer's; it is never later than now
        assertTrue(since > 0 && since <= System.currentTimeMillis() / 1000 + 1, "behindSince " + since);

        for (int tries = 0; ; tries++) { // background work of earlier tests may log more meanwhile
            long end = ((Number) ((Map<?, ?>) Json.parse(readEvents(last).text())).get("last")).longValue();
            Map<?, ?> after = peerState();
            if (end == last && ((Number) after.get("behind")).longValue() == 0) {
                assertEquals(0L, ((Number) after.get("behindSince")).longValue(), "caught up: behind since never");
                return;
            }
            assertTrue(tries < 20, "the node's log kept growing");
            last = end;
        }
    }

    /** The fake peer reads the node's log after {@code after}. */
    private static Http.Resp readEvents(long after) throws Exception {
        String pq = "/group1/_peer/events?after=" + after + "&limit=1000&from="
                + java.net.URLEncoder.encode(host(2, port), StandardCharsets.UTF_8);
        Http.Resp r = Nodes.from("127.0.0.2", "GET", host(1, port) + pq, PeerAuth.HEADER,
                Nodes.signature(Nodes.SECRET, "GET", pq, System.currentTimeMillis() / 1000));
        assertEquals(200, r.status(), r.text());
        return r;
    }

    /** The node's view of the fake peer in {@code Fs.PeerStates}. */
    private static Map<?, ?> peerState() throws Exception {
        Map<?, ?> status = (Map<?, ?>) Json.parse(Http.get(host(1, port) + "/group1/status").text());
        Map<?, ?> states = (Map<?, ?>) ((Map<?, ?>) status.get("data")).get("Fs.PeerStates");
        return (Map<?, ?>) states.get(host(2, port));
    }

    private static boolean logContains(String text) {
        try {
            return Files.readString(node.dir().resolve("log/fileserver.log")).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
