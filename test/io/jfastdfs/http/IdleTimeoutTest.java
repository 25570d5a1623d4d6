package io.jfastdfs.http;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleTimeoutTest {

    @Test
    void stalledUploadIsCutAfterTheInactivityLimitAndLeavesNoTempFile() throws Exception {
        try (TestServer server = TestServer.start(Map.of("read_timeout", 2))) {
            String boundary = "XyZ";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.bin\"\r\n\r\n";
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(15_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /group1/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: 1000000\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
                o.write(new byte[1000]);
                o.flush();
                long start = System.nanoTime();
                InputStream in = s.getInputStream();
                int r;
                try {
                    r = in.read();
                } catch (java.net.SocketException e) {
                    r = -1;
                }
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertEquals(-1, r, "the server closes the stalled connection");
                assertTrue(waited >= 1500 && waited < 12_000, "cut after about the limit, waited " + waited + " ms");
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files2.listFiles(server.dir().resolve("files/_tmp")).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files2.listFiles(server.dir().resolve("files/_tmp")).isEmpty());
            assertEquals(200, Http.get(server.url() + "/status").status(), "the server keeps serving");
        }
    }

    @Test
    void slowButSteadyUploadIsNotCut() throws Exception {
        try (TestServer server = TestServer.start(Map.of("read_timeout", 1))) {
            String boundary = "XyZ";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.bin\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            int chunks = 6;
            int len = head.length + chunks * 100 + tail.length;
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(15_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /group1/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: " + len + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                o.write(head);
                for (int i = 0; i < chunks; i++) {
                    o.write(new byte[100]);
                    o.flush();
                    Thread.sleep(400);
                }
                o.write(tail);
                o.flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("/slow.bin?name=slow.bin&download=1"), answer);
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsCutAfterTheWriteLimit() throws Exception {
        try (TestServer server = TestServer.start(Map.of("read_timeout", 600, "write_timeout", 2))) {
            int size = 64 << 20;
            String url = Http.upload(server.url() + "/upload", "big.bin", new byte[size]).text();
            String path = url.substring(server.base().length(), url.indexOf('?'));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setReceiveBufferSize(64 * 1024);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(6_000); // read nothing: the answer stalls in full socket buffers
                long got = 0;
                byte[] buf = new byte[1 << 16];
                try {
                    for (int n; (n = s.getInputStream().read(buf)) > 0; ) got += n;
                } catch (java.net.SocketException reset) {
                    // a reset is one way the cut shows
                }
                assertTrue(got < size, "the stalled answer was cut, got " + got + " of " + size + " bytes");
            }
            assertEquals(200, Http.get(server.url() + "/status").status());
        }
    }
}
