package io.jfastdfs.tus;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a finished tus upload is (API.md §2.18 Completion): stored, indexed, findable at once. */
class TusCompletionTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static String endpoint() {
        return TusRequests.endpoint(server);
    }

    static Map<?, ?> secondPass(String key) throws Exception {
        Http.Resp r = Http.get(server.url() + "/upload?output=json&md5=" + key);
        assertEquals(200, r.status());
        return (Map<?, ?>) Json.parse(r.text());
    }

    @Test
    void uploadFinishedByTusIsDownloadableAtOnceWithRangeAndFindableByIdAndDigest() throws Exception {
        byte[] data = TusRequests.random(300_000, 1);
        long filesBefore = allFileCount();
        String url = TusRequests.created(endpoint(), data.length, "filename", "big50.bin");
        Http.Resp last = TusRequests.upload(url, data, 64 * 1024);
        assertEquals(Integer.toString(data.length), last.header("Upload-Offset"));
        String id = url.substring(url.lastIndexOf('/') + 1);

        Map<?, ?> byId = secondPass(id);
        String path = (String) byId.get("path");
        assertTrue(path.matches("/group1/default/\\d{8}/\\d{2}/\\d{2}/1/big50\\.bin"), path);
        assertEquals(Files2.md5(data), byId.get("md5"));
        assertEquals(((Number) byId.get("size")).longValue(), data.length);
        assertTrue(((String) byId.get("url")).endsWith("/big50.bin?name=big50.bin&download=1"));
        assertEquals(path, secondPass(Files2.md5(data)).get("path"));

        Http.Resp range = Http.get(server.base() + path, "Range", "bytes=1000-1999");
        assertEquals(206, range.status());
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), range.body());
        assertArrayEquals(data, Http.get(server.base() + path).body());
        Http.Resp viaTus = Http.get(url, "Range", "bytes=299990-");
        assertEquals(206, viaTus.status());
        assertArrayEquals(Arrays.copyOfRange(data, 299_990, 300_000), viaTus.body());
        assertArrayEquals(data, Http.get(url).body());

        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Json.parse(Http.get(server.url() + "/get_file_info?md5=" + id).text()))
                .get("data");
        assertEquals("big50.bin", info.get("name"));
        assertEquals("default", info.get("scene"));
        assertTrue(Http.get(server.url() + "/check_file_exist?md5=" + id).text().contains("\"md5\":\"" + Files2.md5(data)));
        assertEquals(filesBefore + 1, allFileCount(), "counted in stat");

        Http.Resp h = TusRequests.head(url);
        assertEquals(200, h.status(), "HEAD keeps answering after completion");
        assertEquals(Integer.toString(data.length), h.header("Upload-Offset"));
        assertEquals(Integer.toString(data.length), h.header("Upload-Length"));
        assertEquals(null, h.header("Upload-Expires"));
        assertEquals(List.of(), Files2.listFiles(server.dir().resolve("files/_big")), "no data left behind");
    }

    private static long allFileCount() throws Exception {
        Map<?, ?> env = (Map<?, ?>) Json.parse(Http.get(server.url() + "/stat").text());
        for (Object row : (List<?>) env.get("data")) {
            Map<?, ?> m = (Map<?, ?>) row;
            if ("all".equals(m.get("date"))) return ((Number) m.get("fileCount")).longValue();
        }
        throw new AssertionError("no all row");
    }

    @Test
    void uploadWithoutFilenameIsStoredUnderItsDigestWithAnEmptyName() throws Exception {
        byte[] data = TusRequests.random(5000, 2);
        String url = TusRequests.created(endpoint(), data.length);
        TusRequests.upload(url, data, data.length);
        Map<?, ?> r = secondPass(url.substring(url.lastIndexOf('/') + 1));
        assertTrue(((String) r.get("path")).endsWith("/1/" + Files2.md5(data)), (String) r.get("path"));
        assertTrue(((String) r.get("url")).endsWith("?name=&download=1"), (String) r.get("url"));
    }

    @Test
    void sceneAndCustomPathFromMetadataArePlacedUnderTheScene() throws Exception {
        byte[] data = TusRequests.random(4000, 3);
        String url = TusRequests.created(endpoint(), data.length, "filename", "a.txt", "scene", "pics", "path", "my/dir.x");
        TusRequests.upload(url, data, data.length);
        Map<?, ?> r = secondPass(url.substring(url.lastIndexOf('/') + 1));
        assertEquals("/group1/pics/my/dirx/a.txt", r.get("path"));
        assertEquals("pics", r.get("scene"));
        assertTrue(Files.isRegularFile(server.dir().resolve("files/pics/my/dirx/a.txt")));
    }

    @Test
    void sameContentTwiceAnswersTheFirstRecord() throws Exception {
        byte[] data = TusRequests.random(7000, 4);
        String first = TusRequests.created(endpoint(), data.length, "filename", "first.bin");
        TusRequests.upload(first, data, 3000);
        String second = TusRequests.created(endpoint(), data.length, "filename", "second.bin");
        TusRequests.upload(second, data, 3000);
        Map<?, ?> a = secondPass(first.substring(first.lastIndexOf('/') + 1));
        Map<?, ?> b = secondPass(second.substring(second.lastIndexOf('/') + 1));
        assertEquals(a.get("path"), b.get("path"));
        assertTrue(((String) a.get("path")).endsWith("/first.bin"));
        assertFalse(Files.exists(server.dir().resolve("files" + ((String) a.get("path")).replace("/group1", "")
                .replace("first.bin", "second.bin"))));
    }

    @Test
    void creationNamingKnownContentByMd5IsFinishedAtOnce() throws Exception {
        byte[] data = TusRequests.random(6000, 5);
        assertEquals(200, Http.upload(server.url() + "/upload", "known.bin", data).status());
        Http.Resp c = TusRequests.create(endpoint(), "Upload-Length", Integer.toString(data.length),
                "Upload-Metadata", TusRequests.metadata("filename", "again.bin", "md5", Files2.md5(data)));
        assertEquals(201, c.status());
        assertEquals(Integer.toString(data.length), c.header("Upload-Offset"));
        String url = c.header("Location");
        assertEquals(Integer.toString(data.length), TusRequests.head(url).header("Upload-Offset"));
        assertTrue(((String) secondPass(url.substring(url.lastIndexOf('/') + 1)).get("path")).endsWith("/known.bin"));
        assertArrayEquals(data, Http.get(url).body());
    }

    @Test
    void md5MetadataThatDoesNotMatchTheContentDiscardsTheUploadWith460() throws Exception {
        byte[] data = TusRequests.random(3000, 6);
        String url = TusRequests.created(endpoint(), data.length, "filename", "bad.bin", "md5", Files2.md5(new byte[] {1}));
        assertEquals(204, TusRequests.patch(url, data, 0, 1000).status());
        Http.Resp last = TusRequests.patch(url, data, 1000, data.length);
        assertEquals(460, last.status());
        assertEquals("checksum mismatch\n", last.text());
        assertEquals(404, TusRequests.head(url).status());
        assertEquals("", Http.get(server.url() + "/upload?md5=" + Files2.md5(data)).text());
    }

    @Test
    void sha1ArithmeticNamesTheRecordBySha1() throws Exception {
        try (TestServer sha1 = TestServer.start(Map.of("file_sum_arithmetic", "sha1"))) {
            byte[] data = TusRequests.random(200_001, 7);
            String url = TusRequests.created(sha1.url() + "/big/upload/", data.length, "filename", "s.bin");
            TusRequests.upload(url, data, 50_000);
            Http.Resp r = Http.get(sha1.url() + "/upload?output=json&md5=" + url.substring(url.lastIndexOf('/') + 1));
            assertEquals(TusRequests.sha1(data), ((Map<?, ?>) Json.parse(r.text())).get("md5"));
        }
    }

    @Test
    void callbackUrlReceivesTheFileInfoAndIdAndIsRetriedAfterAFailure() throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 200, -1);
            ex.close();
        });
        hook.start();
        try {
            byte[] data = TusRequests.random(2500, 8);
            String url = TusRequests.created(endpoint(), data.length, "filename", "cb.txt",
                    "callback_url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            TusRequests.upload(url, data, data.length);
            String first = bodies.poll(15, TimeUnit.SECONDS);
            String second = bodies.poll(15, TimeUnit.SECONDS);
            assertEquals(first, second, "the failed delivery is repeated");
            Map<String, String> form = TusRequests.form(second);
            assertEquals(url.substring(url.lastIndexOf('/') + 1), form.get("id"));
            Map<?, ?> info = (Map<?, ?>) Json.parse(form.get("info"));
            assertEquals(Files2.md5(data), info.get("md5"));
            assertEquals("cb.txt", info.get("name"));
            assertTrue(form.get("info").startsWith("{\n  \"md5\": "), "pretty, sorted keys");
        } finally {
            hook.stop(0);
        }
    }
}
