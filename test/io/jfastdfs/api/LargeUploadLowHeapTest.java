package io.jfastdfs.api;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.ServerProcess;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A 1 GiB upload streamed through a node capped at 128 MiB of heap round-trips its digest. */
// timing-sensitive (convergence deadlines, CPU and fd counts, a 1 GiB stream): runs with no other test beside it
@Isolated
class LargeUploadLowHeapTest {
    static final long SIZE = 1L << 30;

    /** {@code size} bytes generated block by block (never held whole), digested as they are read. */
    static final class GeneratedContent extends InputStream {
        private final byte[] block = new byte[1 << 16];
        private final MessageDigest md5;
        private final long size;
        private long served;
        private int pos = block.length;

        GeneratedContent(long size) throws Exception {
            this.size = size;
            this.md5 = MessageDigest.getInstance("MD5");
            new Random(42).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served == size) return -1;
            if (pos == block.length) {
                long k = served / block.length;
                for (int i = 0; i < 8; i++) block[i] = (byte) (k >>> (8 * i));
                pos = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - pos), size - served);
            System.arraycopy(block, pos, b, off, n);
            md5.update(b, off, n);
            pos += n;
            served += n;
            return n;
        }

        String hex() {
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    @Test
    void oneGibStreamsThroughA128MibHeapAndRoundTripsItsMd5() throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-big");
        try (ServerProcess p = ServerProcess.start(dir, "127.0.0.1", TestServer.freePort(), Map.of(), List.of("-Xmx128m"))) {
            String boundary = "bigboundary7d1f";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"output\"\r\n\r\njson\r\n--"
                    + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            GeneratedContent content = new GeneratedContent(SIZE);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest up = HttpRequest.newBuilder(URI.create(p.url() + "/upload")).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                            List.of(new ByteArrayInputStream(head), content, new ByteArrayInputStream(tail))))))
                    .build();
            HttpResponse<String> r = client.send(up, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) Json.parse(r.body());
            String expected = content.hex();
            assertEquals(expected, result.get("md5"));
            assertEquals(SIZE, ((Number) result.get("size")).longValue());

            HttpResponse<InputStream> d = client.send(HttpRequest.newBuilder(URI.create((String) result.get("url")))
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, d.statusCode());
            assertEquals(String.valueOf(SIZE), d.headers().firstValue("Content-Length").orElse(""));
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = d.body()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md5.update(buf, 0, n);
            }
            assertEquals(expected, HexFormat.of().formatHex(md5.digest()));
        } finally {
            Files2.deleteTree(dir);
        }
    }
}
