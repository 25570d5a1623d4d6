package io.jfastdfs.api;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README one-liners with curl as the real client (curl sends the file part first, then the fields). */
class CurlClientTest {
    static TestServer server;
    static Path file;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        content = "uploaded by curl, the README way\n".getBytes(StandardCharsets.UTF_8);
        file = server.dir().resolve("x.txt");
        Files.write(file, content);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs curl with {@code args} and returns its stdout; fails on a non-zero exit. */
    private static byte[] curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl finished");
        assertEquals(0, p.exitValue(), "curl " + cmd);
        return out;
    }

    @Test
    void curlUploadToTheGroupAnswersTheDownloadUrl() throws Exception {
        String url = new String(curl("-F", "file=@" + file, server.url() + "/upload"), StandardCharsets.UTF_8);
        assertTrue(url.matches("http://127\\.0\\.0\\.1:" + server.port() + "/group1/default/\\d{8}/\\d\\d/\\d\\d/1/x\\.txt"
                + "\\?name=x\\.txt&download=1"), url);
        assertArrayEquals(content, curl(url));
    }

    @Test
    void curlUploadToTheUnprefixedAliasWorksToo() throws Exception {
        byte[] other = "alias upload via curl".getBytes(StandardCharsets.UTF_8);
        Path f = server.dir().resolve("y.txt");
        Files.write(f, other);
        String url = new String(curl("-F", "file=@" + f, server.base() + "/upload"), StandardCharsets.UTF_8);
        assertTrue(url.startsWith(server.base() + "/group1/default/"), url);
        assertArrayEquals(other, curl(url));
    }

    @Test
    void curlWithOutputJsonAfterTheFileGetsPrettyJson() throws Exception {
        String json = new String(curl("-F", "file=@" + file, "-F", "output=json", server.url() + "/upload"), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\n  \"domain\": \"" + server.base() + "\",\n  \"md5\": \"" + Files2.md5(content) + "\""), json);
        assertTrue(json.endsWith("download=1\"\n}"), json);
        assertEquals((long) content.length, ((Map<?, ?>) Json.parse(json)).get("size"));
    }

    /** Fills {@code big} with seeded random bytes and uploads them with curl as {@code name}; the download URL. */
    private static String uploadRandom(String name, byte[] big, long seed) throws Exception {
        new Random(seed).nextBytes(big);
        Path f = server.dir().resolve(name);
        Files.write(f, big);
        return new String(curl("-F", "file=@" + f, server.url() + "/upload"), StandardCharsets.UTF_8);
    }

    @Test
    void curlUploadOfSeveralMegabytesPassesExpectContinue() throws Exception {
        byte[] big = new byte[3 << 20];
        String url = uploadRandom("big.bin", big, 3);
        assertTrue(url.startsWith(server.base() + "/group1/default/"), url);
        assertEquals(Files2.md5(big), Files2.md5(curl(url)));
    }

    @Test
    void curlRangedDownloadGetsTheSlice() throws Exception {
        String url = new String(curl("-F", "file=@" + file, server.url() + "/upload"), StandardCharsets.UTF_8);
        assertArrayEquals(Arrays.copyOfRange(content, 0, 8), curl("-r", "0-7", url));
        assertArrayEquals(Arrays.copyOfRange(content, content.length - 5, content.length), curl("-r", "-5", url));
        String headers = new String(curl("-s", "-o", "/dev/null", "-D", "-", "-r", "9-", url), StandardCharsets.UTF_8);
        assertTrue(headers.startsWith("HTTP/1.1 206"), headers);
        assertTrue(headers.toLowerCase(Locale.ROOT).contains("content-range: bytes 9-" + (content.length - 1) + "/"
                + content.length), headers);
    }

    /** {@code curl -C -} (as {@code wget -c}): an interrupted download continues from the bytes already on disk. */
    @Test
    void curlContinuesAnInterruptedDownload() throws Exception {
        byte[] big = new byte[3 << 20];
        String url = uploadRandom("resume-me.bin", big, 11);
        Path partial = server.dir().resolve("partial.bin");
        Files.write(partial, Arrays.copyOfRange(big, 0, 1_234_567));
        String headers = new String(curl("-C", "-", "-o", partial.toString(), "-D", "-", url), StandardCharsets.UTF_8);
        assertTrue(headers.startsWith("HTTP/1.1 206"), headers);
        assertTrue(headers.toLowerCase(Locale.ROOT).contains("content-range: bytes 1234567-" + (big.length - 1) + "/"
                + big.length), headers);
        assertEquals(Files2.md5(big), Files2.md5(Files.readAllBytes(partial)));
    }
}
