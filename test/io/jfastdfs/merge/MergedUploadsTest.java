package io.jfastdfs.merge;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.GuideSnippets;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads with enable_merge_small_file (API.md §3.6) on a real node: placement, replies, delete, restart. */
class MergedUploadsTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("enable_merge_small_file", true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An upload as the node answered it (output=json), with the slot its path names. */
    record Merged(String path, String md5, long size, Needle needle, byte[] content) {
        String url() {
            return server.base() + path;
        }
    }

    static Merged upload(String name, byte[] content) throws Exception {
        Http.Resp r = Http.upload(server.url() + "/upload", name, content, Map.of("output", "json"));
        assertEquals(200, r.status(), r.text());
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.text());
        String path = (String) m.get("path");
        Needle n = Needle.parse(path.substring("/group1/".length())).orElseThrow(() -> new AssertionError(path));
        return new Merged(path, (String) m.get("md5"), ((Number) m.get("size")).longValue(), n, content);
    }

    static byte[] container(String name) throws Exception {
        return Files.readAllBytes(server.dir().resolve("files/haystack/1/" + name));
    }

    static Map<?, ?> info(String key) throws Exception {
        return (Map<?, ?>) ((Map<?, ?>) Json.parse(Http.get(server.url() + "/get_file_info?md5=" + key).text())).get("data");
    }

    static Map<?, ?> statAll() throws Exception {
        for (Object row : (List<?>) Json.parse(Http.get(server.url() + "/stat?inner=1").text())) {
            if ("all".equals(((Map<?, ?>) row).get("date"))) return (Map<?, ?>) row;
        }
        throw new AssertionError("no \"all\" row");
    }

    @Test
    void fiftyConcurrentSmallUploadsGetDisjointSlotsThatServeTheirBytes() throws Exception {
        Random rnd = new Random(50);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[1 + rnd.nextInt(20_000)];
            rnd.nextBytes(b);
            contents.add(b);
        }
        List<Merged> stored = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<Merged>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                futures.add(pool.submit(() -> upload("c" + n + ".bin", contents.get(n))));
            }
            for (Future<Merged> f : futures) stored.add(f.get());
        }
        stored.sort(Comparator.comparingLong(m -> m.needle().offset()));
        for (int i = 0; i < stored.size(); i++) {
            Merged m = stored.get(i);
            assertEquals("100", m.needle().container());
            assertEquals(".bin", m.needle().ext());
            assertEquals(m.content().length, m.size());
            assertEquals(m.content().length + 1, m.needle().length());
            assertEquals(Files2.md5(m.content()), m.md5());
            if (i > 0) {
                Needle prev = stored.get(i - 1).needle();
                assertTrue(prev.offset() + prev.length() <= m.needle().offset(), "slots overlap: " + prev + " / " + m.needle());
            }
        }
        byte[] c = container("100");
        for (Merged m : stored) {
            int at = (int) m.needle().offset();
            assertEquals('1', c[at], m.path());
            assertArrayEquals(m.content(), Arrays.copyOfRange(c, at + 1, at + (int) m.needle().length()), m.path());
            Http.Resp d = Http.get(m.url());
            assertEquals(200, d.status());
            assertArrayEquals(m.content(), d.body());
            assertEquals("\"" + m.md5() + "\"", d.header("ETag"));
        }
    }

    @Test
    void recordCountsTheFlagByteAndIsFoundByDigestAndByUrlPathKey() throws Exception {
        byte[] content = "a small file for the record".getBytes(StandardCharsets.UTF_8);
        Merged m = upload("my file (1).txt", content);
        Map<?, ?> rec = info(m.md5());
        assertEquals("myfile1.txt", rec.get("name"));
        assertEquals(m.needle().rename(), rec.get("rename"));
        assertEquals("files/haystack/1", rec.get("path"));
        assertEquals((long) content.length + 1, ((Number) rec.get("size")).longValue());
        assertEquals(m.needle().offset(), ((Number) rec.get("offset")).longValue());
        String pathKey = Files2.md5(("files/haystack/1/" + m.needle().rename()).getBytes(StandardCharsets.UTF_8));
        assertEquals(m.md5(), info(pathKey).get("md5"));
        String exist = Http.get(server.url() + "/check_file_exist?md5=" + m.md5()).text();
        assertTrue(exist.startsWith("{\"name\":\"myfile1.txt\",\"rename\":\"" + m.needle().rename() + "\""), exist);
        Http.Resp d = Http.get(m.url() + "?name=myfile1.txt&download=1");
        assertEquals("attachment;filename=myfile1.txt", d.header("Content-Disposition"));
        assertArrayEquals(content, d.body());
    }

    @Test
    void textReplyIsTheHaystackUrlAndSecondPassAndDedupAnswerIt() throws Exception {
        byte[] content = "dedup me into one slot".getBytes(StandardCharsets.UTF_8);
        Http.Resp first = Http.upload(server.url() + "/upload", "d.txt", content);
        String url = first.text();
        assertTrue(url.startsWith(server.url() + "/haystack/1/100,"), url);
        assertTrue(url.endsWith("," + (content.length + 1) + ",.txt?name=d.txt&download=1"), url);
        assertEquals(url, Http.upload(server.url() + "/upload", "other.txt", content).text());
        assertEquals(url, Http.get(server.url() + "/upload?md5=" + Files2.md5(content)).text());
    }

    @Test
    void filesOfOneMebibyteOrMoreAreStoredPlain() throws Exception {
        Merged largest = upload("largest.bin", new byte[1_048_575]);
        assertEquals(1_048_576, largest.needle().length());
        Http.Resp r = Http.upload(server.url() + "/upload", "plain.bin", new byte[1_048_576], Map.of("output", "json"));
        String path = (String) ((Map<?, ?>) Json.parse(r.text())).get("path");
        assertTrue(path.startsWith("/group1/default/") && path.endsWith("/1/plain.bin"), path);
    }

    @Test
    void tusUploadsAreNeverMerged() throws Exception {
        byte[] data = "small, but resumable".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(server.url() + "/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(data.length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("t.txt".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody());
        String location = Http.send(create).header("Location");
        Http.Resp done = Http.send(HttpRequest.newBuilder(URI.create(location)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data)));
        assertEquals(204, done.status());
        Map<?, ?> rec = info(location.substring(location.lastIndexOf('/') + 1));
        assertEquals(-1L, ((Number) rec.get("offset")).longValue());
        assertTrue(((String) rec.get("path")).startsWith("files/default/"), rec.toString());
    }

    @Test
    void tusUploadOfMergedContentServesTheSlotUnderItsId() throws Exception {
        byte[] data = "merged first, then sent again by tus".getBytes(StandardCharsets.UTF_8);
        Merged m = upload("first.txt", data);
        String location = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(data.length))
                .POST(HttpRequest.BodyPublishers.noBody())).header("Location");
        Http.Resp done = Http.send(HttpRequest.newBuilder(URI.create(location)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data)));
        assertEquals(204, done.status());
        assertEquals(m.md5(), info(location.substring(location.lastIndexOf('/') + 1)).get("md5"), "deduplicated");
        assertArrayEquals(data, Http.get(location).body());
        Http.Resp range = Http.get(location, "Range", "bytes=0-5");
        assertEquals(206, range.status());
        assertEquals("bytes 0-5/" + data.length, range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(data, 0, 6), range.body());
    }

    @Test
    void deleteErasesTheSlotAnswers404AndTakesTheFileOffTheStats() throws Exception {
        byte[] content = "delete this merged file".getBytes(StandardCharsets.UTF_8);
        Map<?, ?> before = statAll();
        Merged m = upload("del.txt", content);
        Map<?, ?> during = statAll();
        assertEquals(((Number) before.get("fileCount")).longValue() + 1, ((Number) during.get("fileCount")).longValue());
        assertEquals(((Number) before.get("totalSize")).longValue() + content.length + 1,
                ((Number) during.get("totalSize")).longValue());

        Map<?, ?> reply = (Map<?, ?>) Json.parse(Http.get(server.url() + "/delete?md5=" + m.md5()).text());
        assertEquals("remove success", reply.get("message"));
        Http.Resp gone = Http.get(m.url());
        assertEquals(404, gone.status());
        assertEquals(0, gone.body().length);
        byte[] c = container(m.needle().container());
        int at = (int) m.needle().offset();
        assertEquals('0', c[at]);
        assertArrayEquals(new byte[content.length], Arrays.copyOfRange(c, at + 1, at + content.length + 1));
        assertNull(info(m.md5()));
        assertTrue(Http.get(server.url() + "/check_file_exist?md5=" + m.md5()).text().startsWith("{\"name\":\"\""));
        assertEquals(before, statAll());
    }

    @Test
    void deleteByDownloadUrlFindsTheMergedFile() throws Exception {
        Merged m = upload("byurl.txt", "delete me by my URL".getBytes(StandardCharsets.UTF_8));
        Map<?, ?> reply = (Map<?, ?>) Json.parse(Http.postForm(server.url() + "/delete", Map.of("path", m.url())).text());
        assertEquals("remove success", reply.get("message"));
        assertEquals(404, Http.get(m.url()).status());
        Map<?, ?> again = (Map<?, ?>) Json.parse(Http.get(server.url() + "/delete?md5=" + m.md5()).text());
        assertEquals("leveldb: not found", again.get("message"));
    }

    @Test
    void readmeHaystackBlockWorksAsWritten() throws Exception {
        String script = GuideSnippets.get("haystack").replace("127.0.0.1:8080", "127.0.0.1:" + server.port());
        Path out = server.dir().resolve("haystack.out");
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(server.dir().toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the block did not finish");
        String o = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), o);
        String[] lines = o.split("\n");
        assertTrue(lines[0].matches("http://127\\.0\\.0\\.1:\\d+/group1/haystack/1/100,\\d+,14,\\.txt"
                + "\\?name=small\\.txt&download=1"), lines[0]);
        assertEquals("a small file", lines[1]);
        assertEquals("small", lines[2]);
        assertTrue(o.contains("\"size\": 14,"), o);
        assertTrue(o.contains("\"message\": \"remove success\""), o);
        assertTrue(o.endsWith("\n404\n"), o);
    }

    @Test
    void afterRestartOldUrlsServeAndNewFilesFollowTheLastSlot() throws Exception {
        Merged old = upload("before-restart.txt", "stored before the restart".getBytes(StandardCharsets.UTF_8));
        long end = container("100").length;
        server.stop();
        server = TestServer.startIn(server.dir());
        Http.Resp d = Http.get(old.url());
        assertEquals(200, d.status());
        assertArrayEquals(old.content(), d.body());
        Merged next = upload("after-restart.txt", "stored after the restart".getBytes(StandardCharsets.UTF_8));
        assertEquals("100", next.needle().container());
        assertEquals(end, next.needle().offset());
        assertArrayEquals(next.content(), Http.get(next.url()).body());
    }
}
