package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Broken multipart bodies and clients that vanish mid-upload: the named error (API.md §2.1), no
 * stored file, an empty files/_tmp, and a server that keeps serving.
 */
class MalformedUploadTest {
    static TestServer server;
    List<String> before;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            Replies.assertNoServerFaults(server.dir());
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void snapshot() throws Exception {
        before = Replies.storedFiles(server.dir());
    }

    /** Nothing stored, no temp data left (allowing the server a moment to notice a dead client). */
    @AfterEach
    void nothingLeftBehind() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Replies.tempFiles(server.dir()).isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(List.of(), Replies.tempFiles(server.dir()));
        assertEquals(before, Replies.storedFiles(server.dir()));
        assertEquals(200, Http.get(server.url() + "/status").status(), "the server keeps serving");
    }

    private static Http.Resp post(String contentType, byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/upload")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void multipartWithoutABoundaryIsRefused() throws Exception {
        Http.Resp r = post("multipart/form-data", bytes("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc\r\n--x--\r\n"));
        Replies.assertText(r, Replies.fail("no multipart boundary param in Content-Type"));
    }

    @Test
    void truncatedBodyIsAnUncompleteFile() throws Exception {
        Http.Multipart m = new Http.Multipart().file("file", "cut.txt", new byte[100_000]);
        byte[] whole = m.body();
        Http.Resp r = post(m.contentType(), Arrays.copyOf(whole, whole.length - 5000));
        Replies.assertText(r, Replies.fail("(error)file uncomplete"));
    }

    @Test
    void bodyWithoutAnyDelimiterIsAnUncompleteFile() throws Exception {
        Http.Resp r = post("multipart/form-data; boundary=abc", bytes("no delimiter in here at all"));
        Replies.assertText(r, Replies.fail("(error)file uncomplete"));
    }

    @Test
    void partHeaderLineOverTheLimitIsRefused() throws Exception {
        String boundary = "limit";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "X-Long: " + "y".repeat(10_000) + "\r\n\r\ncontent\r\n--" + boundary + "--\r\n";
        Http.Resp r = post("multipart/form-data; boundary=" + boundary, bytes(body));
        Replies.assertText(r, Replies.fail("(error)multipart header line too long"));
    }

    @Test
    void bodyWithoutAFilePartIsNoSuchFile() throws Exception {
        Http.Resp r = post("multipart/form-data; boundary=b", bytes("--b\r\nContent-Disposition: form-data; name=\"scene\"\r\n\r\nx\r\n--b--\r\n"));
        Replies.assertText(r, Replies.fail("http: no such file"));
    }

    @Test
    void formFieldsOverTenMegabytesInAllAreRefusedBeforeTheFile() throws Exception {
        Http.Multipart m = new Http.Multipart();
        String mb = "f".repeat(1_000_000); // each under the parser's 1 MiB per field
        for (int i = 0; i < 11; i++) m.field("x" + i, mb);
        m.file("file", "late.txt", bytes("after the fields"));
        Http.Resp r = post(m.contentType(), m.body());
        assertEquals(413, r.status());
        assertEquals(Replies.fail("(error)request body too large"), r.text());
    }

    @Test
    void clientThatDisconnectsMidUploadLeavesNothing() throws Exception {
        String partHead = "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"gone.bin\"\r\n\r\n";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream o = s.getOutputStream();
            o.write(("POST /group1/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=cut"
                    + "\r\nContent-Length: 10485760\r\n\r\n" + partHead).getBytes(StandardCharsets.ISO_8859_1));
            o.write(new byte[1 << 20]);
            o.flush();
            long deadline = System.currentTimeMillis() + 30_000;
            while (Replies.tempFiles(server.dir()).isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertEquals(1, Replies.tempFiles(server.dir()).size(), "the upload is being spooled");
        }
    }
}
