package io.jfastdfs.auth;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.GuideSnippets;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Download tokens (API.md §2.4) through real HTTP, as a non-admin client (127.0.0.9). */
class DownloadTokenAccessTest {
    static final String SECRET = "guide-secret-7f3a";
    static TestServer plain;
    static TestServer keyed;
    static final LoopbackClient outsider = new LoopbackClient("127.0.0.9");
    static final byte[] CONTENT = "token protected bytes\n".getBytes(StandardCharsets.UTF_8);
    static Uploaded file;
    static Uploaded keyedFile;

    record Uploaded(String md5, String path) {}

    @BeforeAll
    static void start() throws Exception {
        plain = TestServer.start(Map.of("download_use_token", true, "download_token_expire", 600));
        keyed = TestServer.start(Map.of("download_use_token", true, "download_token_secret", SECRET));
        file = upload(plain, "t.txt", CONTENT);
        keyedFile = upload(keyed, "k.txt", CONTENT);
    }

    @AfterAll
    static void stop() {
        plain.close();
        keyed.close();
    }

    static Uploaded upload(TestServer s, String name, byte[] content) throws Exception {
        Http.Resp r = Http.upload(s.url() + "/upload", name, content, Map.of("output", "json"));
        assertEquals(200, r.status(), r.text());
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.text());
        return new Uploaded((String) m.get("md5"), (String) m.get("path"));
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String url(TestServer s, Uploaded f, String token, long ts) {
        return s.base() + f.path() + "?token=" + token + "&timestamp=" + ts;
    }

    static void assertRefused(Http.Resp r) {
        assertEquals(401, r.status());
        assertEquals(0, r.body().length);
        assertEquals("0", r.header("Content-Length"));
    }

    @Test
    void goFastdfsTokenDownloadsWithinTheWindow() throws Exception {
        long ts = now();
        Http.Resp r = outsider.get(url(plain, file, DownloadToken.make(file.md5(), ts, ""), ts));
        assertEquals(200, r.status());
        assertArrayEquals(CONTENT, r.body());
        long older = now() - 590;
        assertEquals(200, outsider.get(url(plain, file, DownloadToken.make(file.md5(), older, ""), older)).status());
    }

    @Test
    void tusUploadUrlDownloadNeedsTheTokenToo() throws Exception {
        byte[] data = "tus bytes".getBytes(StandardCharsets.UTF_8);
        Http.Resp created = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(plain.url() + "/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(data.length))
                .header("Content-Type", "application/offset+octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data)));
        assertEquals(201, created.status());
        String location = created.header("Location");
        assertRefused(outsider.get(location));
        long ts = now();
        String md5 = Files2.md5(data);
        Http.Resp ok = outsider.get(location + "?token=" + DownloadToken.make(md5, ts, "") + "&timestamp=" + ts);
        assertEquals(200, ok.status());
        assertArrayEquals(data, ok.body());
    }

    @Test
    void expiredOrFutureTimestampIsRefused() throws Exception {
        long past = now() - 700;
        assertRefused(outsider.get(url(plain, file, DownloadToken.make(file.md5(), past, ""), past)));
        long future = now() + 700;
        assertRefused(outsider.get(url(plain, file, DownloadToken.make(file.md5(), future, ""), future)));
    }

    @Test
    void tamperedTokenIsRefused() throws Exception {
        long ts = now();
        String good = DownloadToken.make(file.md5(), ts, "");
        String flipped = good.substring(0, 31) + (good.charAt(31) == '0' ? '1' : '0');
        assertRefused(outsider.get(url(plain, file, flipped, ts)));
        assertRefused(outsider.get(url(plain, file, good, ts + 1)));
        assertRefused(outsider.get(url(plain, file, DownloadToken.make(Files2.md5("other".getBytes()), ts, ""), ts)));
        assertRefused(outsider.get(url(plain, file, good.substring(1), ts)));
    }

    @Test
    void missingOrMalformedTokenParametersAreRefused() throws Exception {
        long ts = now();
        String good = DownloadToken.make(file.md5(), ts, "");
        assertRefused(outsider.get(plain.base() + file.path()));
        assertRefused(outsider.get(plain.base() + file.path() + "?token=" + good));
        assertRefused(outsider.get(plain.base() + file.path() + "?timestamp=" + ts));
        assertRefused(outsider.get(plain.base() + file.path() + "?token=" + good + "&timestamp=" + ts + ".0"));
        assertRefused(outsider.get(plain.base() + file.path() + "?token=&timestamp="));
        Http.Resp head = outsider.head(plain.base() + file.path());
        assertEquals(401, head.status());
    }

    @Test
    void fileWithoutIndexRecordIsRefusedWhateverTheToken() throws Exception {
        Path dir = plain.dir().resolve("files/default/manual");
        Files.createDirectories(dir);
        byte[] copied = "copied in by hand\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("m.txt"), copied);
        long ts = now();
        String rel = plain.url() + "/default/manual/m.txt";
        // go-fastdfs served this with any token; the content digest or any other md5 must not open it here.
        assertRefused(outsider.get(rel + "?token=" + DownloadToken.make(Files2.md5(copied), ts, "") + "&timestamp=" + ts));
        assertRefused(outsider.get(rel + "?token=" + DownloadToken.make("", ts, "") + "&timestamp=" + ts));
        assertEquals(200, Http.get(rel).status(), "the file is there for admins");
        assertRefused(outsider.get(plain.url() + "/default/manual/absent.txt?token=x&timestamp=" + ts));
        assertRefused(outsider.get(plain.url() + "/default/manual/"));
    }

    @Test
    void adminCallerNeedsNoToken() throws Exception {
        Http.Resp r = Http.get(plain.base() + file.path());
        assertEquals(200, r.status());
        assertArrayEquals(CONTENT, r.body());
    }

    @Test
    void secretKeyedNodeRefusesTheUnkeyedToken() throws Exception {
        long ts = now();
        assertRefused(outsider.get(url(keyed, keyedFile, DownloadToken.make(keyedFile.md5(), ts, ""), ts)));
        assertRefused(outsider.get(url(keyed, keyedFile, DownloadToken.make(keyedFile.md5(), ts, "wrong"), ts)));
        Http.Resp r = outsider.get(url(keyed, keyedFile, DownloadToken.make(keyedFile.md5(), ts, SECRET), ts));
        assertEquals(200, r.status());
        assertArrayEquals(CONTENT, r.body());
    }

    @Test
    void shellSnippetsOfTheSecuringGuideComputeWorkingTokens(@org.junit.jupiter.api.io.TempDir Path work)
            throws Exception {
        String snippet = GuideSnippets.get("token");
        String keyedSnippet = GuideSnippets.get("token-with-secret");
        // curl reads $CURL_HOME/.curlrc: leave from 127.0.0.9, which is not admin and so needs the token.
        Files.writeString(work.resolve(".curlrc"), "interface = 127.0.0.9\n");

        assertEquals(0, bash(work, snippet, plain, file, ""), "plain token snippet");
        assertArrayEquals(CONTENT, Files.readAllBytes(work.resolve("downloaded.bin")));
        Files.delete(work.resolve("downloaded.bin"));
        assertNotEquals(0, bash(work, snippet, plain, new Uploaded(Files2.md5(new byte[1]), file.path()), ""),
                "a token for another md5 must fail, or the snippet ran as admin");

        assertEquals(0, bash(work, keyedSnippet, keyed, keyedFile, SECRET), "secret-keyed token snippet");
        assertArrayEquals(CONTENT, Files.readAllBytes(work.resolve("downloaded.bin")));
        assertNotEquals(0, bash(work, snippet, keyed, keyedFile, ""), "the plain form must fail on a keyed node");
    }

    private static int bash(Path work, String script, TestServer s, Uploaded f, String secret)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("bash.log").toFile());
        pb.environment().putAll(Map.of("server", s.base(), "path", f.path(), "md5", f.md5(), "secret", secret,
                "CURL_HOME", work.toString()));
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "snippet did not finish");
        return p.exitValue();
    }
}
