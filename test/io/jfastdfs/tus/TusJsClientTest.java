package io.jfastdfs.tus;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.NodeScript;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
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

    @Test
    void tusJsClientKilledHalfWayResumesFromItsStoredUrlAndTheStoredFileMatches() throws Exception {
        NodeScript.requirePackage("tus-js-client");
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
        NodeScript.Result r = NodeScript.run(Duration.ofSeconds(120), "tus-resume.mjs", endpoint, file.toString(),
                storage.toString(), Long.toString(exitAfter));
        assertEquals(exitAfter > 0 ? 3 : 0, r.exit(), r.output());
        return r.output();
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no \"" + regex + "\" in: " + text);
        return m.group(1);
    }
}
