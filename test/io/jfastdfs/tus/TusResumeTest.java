package io.jfastdfs.tus;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing received is lost: dropped connections, restarts; and what expires does go away. */
class TusResumeTest {

    @Test
    void resumesAfterTheConnectionDropsMidPatch() throws Exception {
        try (TestServer server = TestServer.start()) {
            byte[] data = TusRequests.random(1_000_000, 31);
            String url = TusRequests.created(server.url() + "/big/upload/", data.length, "filename", "drop.bin");
            try (Socket s = patchPartly(server, url, data, 300_000)) {
                s.getOutputStream().flush();
            }
            long offset = settledOffset(url);
            assertEquals(300_000, offset, "kept what arrived");
            Http.Resp rest = TusRequests.patch(url, data, (int) offset, data.length);
            assertEquals(204, rest.status());
            assertEquals(Files2.md5(data), Files2.md5(Http.get(url).body()));
        }
    }

    @Test
    void aPatchBeingReceivedCountsAsAnUploadInProgress() throws Exception {
        try (TestServer server = TestServer.start()) {
            byte[] data = TusRequests.random(200_000, 34);
            String url = TusRequests.created(server.url() + "/big/upload/", data.length, "filename", "queued.bin");
            try (Socket s = patchPartly(server, url, data, 50_000)) {
                s.getOutputStream().flush();
                awaitQueuedUploads(server, 1);
            }
            awaitQueuedUploads(server, 0);
        }
    }

    /** A PATCH of all of {@code data} from offset 0 that has sent only its first {@code sent} bytes so far. */
    private static Socket patchPartly(TestServer server, String url, byte[] data, int sent) throws Exception {
        return TusRequests.startPatch(server.port(), TusRequests.pathOf(url), 0, data.length,
                Arrays.copyOfRange(data, 0, sent));
    }

    private static void awaitQueuedUploads(TestServer server, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        Object seen = null;
        while (System.currentTimeMillis() < deadline) {
            Map<?, ?> status = (Map<?, ?>) Json.parse(Http.get(server.url() + "/status").text());
            seen = ((Map<?, ?>) status.get("data")).get("Fs.QueueUpload");
            if (seen instanceof Number n && n.longValue() == expected) return;
            Thread.sleep(20);
        }
        throw new AssertionError("Fs.QueueUpload stayed " + seen + ", expected " + expected);
    }

    /** HEAD's offset once the interrupted PATCH has been handled and has released the upload. */
    private static long settledOffset(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            long offset = Long.parseLong(TusRequests.head(url).header("Upload-Offset"));
            if (offset > 0 && TusRequests.patch(url, new byte[1], 0, 0).status() != 423) return offset;
            Thread.sleep(20);
        }
        throw new AssertionError("the dropped PATCH kept nothing");
    }

    @Test
    void restartMidUploadKeepsTheOffsetAndTheDigest() throws Exception {
        TestServer server = TestServer.start();
        Path dir = server.dir();
        byte[] data = TusRequests.random(700_000, 32);
        String url = TusRequests.created(server.url() + "/big/upload/", data.length, "filename", "restart.bin");
        TusRequests.patch(url, data, 0, 123_457);
        server.stop();
        try (TestServer again = TestServer.startIn(dir)) {
            String moved = again.url() + "/big/upload/" + url.substring(url.lastIndexOf('/') + 1);
            Http.Resp h = TusRequests.head(moved);
            assertEquals(200, h.status());
            assertEquals("123457", h.header("Upload-Offset"));
            assertEquals(204, TusRequests.patch(moved, data, 123_457, data.length).status());
            String json = Http.get(again.url() + "/upload?output=json&md5=" + moved.substring(moved.lastIndexOf('/') + 1)).text();
            assertTrue(json.contains("\"md5\":\"" + Files2.md5(data) + "\""), json);
            assertArrayEquals(data, Http.get(moved).body());
        }
    }

    @Test
    void expiredUploadsAreRemovedAtStartAndFreshOnesStay() throws Exception {
        TestServer server = TestServer.start();
        Path dir = server.dir();
        String ep = server.url() + "/big/upload/";
        byte[] data = TusRequests.random(20_000, 33);
        String stale = TusRequests.created(ep, data.length);
        TusRequests.patch(stale, data, 0, 5000);
        String fresh = TusRequests.created(ep, data.length);
        TusRequests.patch(fresh, data, 0, 5000);
        String done = TusRequests.created(ep, data.length, "filename", "done.bin");
        TusRequests.upload(done, data, data.length);
        server.stop();
        long now = System.currentTimeMillis();
        setUpdated(dir, stale, now - Duration.ofDays(7).plusMinutes(1).toMillis());
        setUpdated(dir, fresh, now - Duration.ofDays(6).toMillis());
        setUpdated(dir, done, now - Duration.ofHours(25).toMillis());
        Path orphan = dir.resolve("files/_big/1/" + "ab".repeat(16) + ".bin");
        Files.write(orphan, new byte[10]);
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        try (TestServer again = TestServer.startIn(dir)) {
            String ep2 = again.url() + "/big/upload/";
            assertEquals(404, TusRequests.head(ep2 + idOf(stale)).status());
            assertFalse(Files.exists(dir.resolve("files/_big/1/" + idOf(stale) + ".bin")));
            assertEquals("5000", TusRequests.head(ep2 + idOf(fresh)).header("Upload-Offset"));
            assertEquals(404, TusRequests.head(ep2 + idOf(done)).status(), "finished state is kept 24 h");
            assertArrayEquals(data, Http.get(ep2 + idOf(done)).body(), "the stored file stays");
            assertFalse(Files.exists(orphan));
        }
    }

    @Test
    void uploadStoredJustBeforeACrashIsMarkedFinishedAtStart() throws Exception {
        TestServer server = TestServer.start();
        Path dir = server.dir();
        byte[] data = TusRequests.random(9000, 34);
        String url = TusRequests.created(server.url() + "/big/upload/", data.length, "filename", "crash.bin");
        TusRequests.upload(url, data, data.length);
        server.stop();
        sql(dir, "UPDATE tus_uploads SET result = NULL, \"offset\" = 4000 WHERE id = ?", idOf(url));
        try (TestServer again = TestServer.startIn(dir)) {
            Http.Resp h = TusRequests.head(again.url() + "/big/upload/" + idOf(url));
            assertEquals("9000", h.header("Upload-Offset"));
        }
    }

    private static String idOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void setUpdated(Path dir, String url, long updated) throws Exception {
        sql(dir, "UPDATE tus_uploads SET updated = " + updated + " WHERE id = ?", idOf(url));
    }

    /** Edits the stopped node's index directly, as time or a crash would have left it. */
    private static void sql(Path dir, String statement, String id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/index.db"));
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
