package io.jfastdfs.tus;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real tus client: tus-js-client (Node, test/js) uploads 50 MiB in 5 MiB chunks, is killed
 * half way, and a second run resumes from the URL it stored. Needs node and `npm install` in
 * test/js (.ci/run does it); without them this test fails.
 */
class TusJsClientTest {
    private static final int SIZE = 50 * 1024 * 1024;
    private static final Path JS = Path.of("test/js").toAbsolutePath();

    @Test
    void tusJsClientKilledHalfWayResumesFromItsStoredUrlAndTheStoredFileMatches() throws Exception {
        assertTrue(Files.isDirectory(JS.resolve("node_modules/tus-js-client")),
                "tus-js-client is not installed: run (cd test/js && npm install)");
        Path work = Files.createTempDirectory("tus-js");
        try (TestServer server = TestServer.start()) {
            Path file = work.resolve("big50.bin");
            String md5 = writeRandom(file);
            Path storage = work.resolve("urls.json");
            String endpoint = server.url() + "/big/upload/";

            String first = run(endpoint, file, storage, SIZE / 2);
            assertTrue(first.contains("exiting at"), first);
            String url = match(first, "created (\\S+)");

            String second = run(endpoint, file, storage, 0);
            assertEquals(url, match(second, "resumed (\\S+)"), second);
            assertEquals(url, match(second, "done (\\S+)"), second);
            long firstAccepted = Long.parseLong(match(second, "first-accepted (\\d+)"));
            assertTrue(firstAccepted > SIZE / 2, "continued from the middle, not from 0: " + firstAccepted);

            String id = url.substring(url.lastIndexOf('/') + 1);
            Map<?, ?> r = (Map<?, ?>) Json.parse(Http.get(server.url() + "/upload?output=json&md5=" + id).text());
            assertEquals(md5, r.get("md5"));
            assertEquals((long) SIZE, ((Number) r.get("size")).longValue());
            assertEquals(md5, Files2.md5(Http.get(server.base() + r.get("path")).body()));
        } finally {
            Files2.deleteTree(work);
        }
    }

    private static String writeRandom(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        SplittableRandom rnd = new SplittableRandom(50);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / buf.length; i++) {
                rnd.nextBytes(buf);
                md.update(buf);
                out.write(buf);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Runs the client script; returns its output. Exit 3 = stopped on purpose, 0 = done. */
    private static String run(String endpoint, Path file, Path storage, long exitAfter) throws Exception {
        Process p = new ProcessBuilder("node", JS.resolve("tus-resume.mjs").toString(), endpoint, file.toString(),
                storage.toString(), Long.toString(exitAfter)).directory(JS.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tus-js-client did not finish: " + out);
        }
        assertEquals(exitAfter > 0 ? 3 : 0, p.exitValue(), out);
        return out;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no \"" + regex + "\" in: " + text);
        return m.group(1);
    }
}
