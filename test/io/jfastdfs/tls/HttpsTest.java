package io.jfastdfs.tls;

import io.jfastdfs.Node;
import io.jfastdfs.config.ConfigException;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestCerts;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * enable_https (API.md §6.8) with keytool-made self-signed certificates: clients (JDK, curl) upload and
 * download over TLS and get https URLs; peers replicate over https trusting the node's own chain; a
 * broken key stops the start naming the file.
 */
class HttpsTest {
    static TestCerts.Cert rsa;
    static Path rsaDir;
    static Node rsaNode;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        rsa = TestCerts.rsa();
        rsaDir = prepare(rsa, rsa.pkcs1Pem(), Map.of());
        rsaNode = Node.start(rsaDir, TestServer.env());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(rsa.trusting())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        rsaNode.close();
        Files2.deleteTree(rsaDir);
    }

    /** A data dir with enable_https, the cert and {@code keyPem} installed, and {@code overrides}. */
    private static Path prepare(TestCerts.Cert cert, String keyPem, Map<String, Object> overrides) throws IOException {
        Path dir = Files.createTempDirectory("jfastdfs-https");
        Map<String, Object> cfg = new LinkedHashMap<>(Map.of("enable_https", true, "host", "https://127.0.0.1:8080",
                "peers", List.of("https://127.0.0.1:8080")));
        cfg.putAll(overrides);
        TestServer.writeConfig(dir, TestServer.withDefaults(cfg));
        cert.install(dir, keyPem);
        return dir;
    }

    private static String base(Node n) {
        return "https://127.0.0.1:" + n.port();
    }

    private static HttpResponse<byte[]> send(HttpClient c, HttpRequest.Builder b) throws Exception {
        return c.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String upload(HttpClient c, String url, String name, byte[] content) throws Exception {
        Http.Multipart m = new Http.Multipart().file("file", name, content);
        HttpResponse<byte[]> r = send(c, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())));
        assertEquals(200, r.statusCode());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jdkClientUploadsAndDownloadsOverTlsAndRepliesCarryHttpsUrls() throws Exception {
        byte[] content = "stored over https".getBytes(StandardCharsets.UTF_8);
        String url = upload(client, base(rsaNode) + "/group1/upload", "tls.txt", content);
        assertTrue(url.startsWith(base(rsaNode) + "/group1/default/"), url);
        HttpResponse<byte[]> got = send(client, HttpRequest.newBuilder(URI.create(url)).GET());
        assertEquals(200, got.statusCode());
        assertArrayEquals(content, got.body());
        Map<?, ?> status = (Map<?, ?>) Json.parse(new String(send(client,
                HttpRequest.newBuilder(URI.create(base(rsaNode) + "/group1/status")).GET()).body(), StandardCharsets.UTF_8));
        assertEquals("https://127.0.0.1:8080", ((Map<?, ?>) status.get("data")).get("Fs.Local"));
    }

    @Test
    void curlWithTheCertificateAsCaUploadsAndDownloads() throws Exception {
        Path ca = rsaDir.resolve("ca.pem");
        Files.writeString(ca, rsa.certPem());
        Path file = rsaDir.resolve("curl.txt");
        byte[] content = "curl over https\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        String url = new String(curl("--cacert", ca.toString(), "-F", "file=@" + file, base(rsaNode) + "/group1/upload"),
                StandardCharsets.UTF_8);
        assertTrue(url.startsWith(base(rsaNode) + "/group1/default/"), url);
        assertArrayEquals(content, curl("--cacert", ca.toString(), url));
    }

    @Test
    void clientsThatDoNotTrustTheCertificateOrSpeakPlainHttpGetNothing() throws Exception {
        try (HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThrows(SSLHandshakeException.class,
                    () -> send(untrusting, HttpRequest.newBuilder(URI.create(base(rsaNode) + "/group1/status")).GET()));
        }
        String plain = Http.raw("127.0.0.1", rsaNode.port(),
                "GET /group1/status HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 2000);
        assertTrue(!plain.contains("\"status\""), "no answer in clear text: " + plain);
    }

    @Test
    void ecKeyInSec1FormServesTls() throws Exception {
        TestCerts.Cert ec = TestCerts.ec();
        Path dir = prepare(ec, ec.sec1Pem(), Map.of());
        try (Node node = Node.start(dir, TestServer.env());
             HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ec.trusting()).build()) {
            byte[] content = "ec key".getBytes(StandardCharsets.UTF_8);
            String url = upload(c, base(node) + "/group1/upload", "ec.txt", content);
            assertArrayEquals(content, send(c, HttpRequest.newBuilder(URI.create(url)).GET()).body());
        } finally {
            Files2.deleteTree(dir);
        }
    }

    @Test
    void peersReplicateOverHttpsTrustingTheSharedCertificate() throws Exception {
        int port = TestServer.freePort();
        List<String> peers = List.of("https://127.0.0.1:" + port, "https://127.0.0.2:" + port);
        Path[] dirs = new Path[2];
        Node[] nodes = new Node[2];
        try {
            for (int i = 0; i < 2; i++) {
                dirs[i] = prepare(rsa, rsa.pkcs8Pem(), Map.of("addr", "127.0.0." + (i + 1) + ":" + port,
                        "host", peers.get(i), "peers", peers, "peer_id", String.valueOf(i + 1),
                        "peer_secret", "https-secret", "auto_repair", false));
                nodes[i] = Node.start(dirs[i], TestServer.env());
            }
            byte[] content = "replicated over https".getBytes(StandardCharsets.UTF_8);
            String url = upload(client, peers.get(0) + "/group1/upload", "peer.txt", content);
            String onSecond = peers.get(1) + url.substring(peers.get(0).length(), url.indexOf('?'));
            String rel = url.substring(url.indexOf("/group1/") + "/group1/".length(), url.indexOf('?'));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.isRegularFile(dirs[1].resolve("files/" + rel))) {
                assertTrue(System.nanoTime() < deadline, "node 2 did not receive " + rel + " within 15 s");
                Thread.sleep(50);
            }
            assertArrayEquals(content, send(client, HttpRequest.newBuilder(URI.create(onSecond)).GET()).body());
        } finally {
            for (int i = 0; i < 2; i++) {
                if (nodes[i] != null) nodes[i].close();
                if (dirs[i] != null) Files2.deleteTree(dirs[i]);
            }
        }
    }

    @Test
    void aBrokenKeyStopsTheStartNamingTheFileAndLeavesThePortFree() throws Exception {
        int port = TestServer.freePort();
        String broken = rsa.pkcs1Pem().replace("MII", "MIJ");
        Path dir = prepare(rsa, broken, Map.of("addr", "127.0.0.1:" + port));
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> Node.start(dir, TestServer.env()).close());
            assertTrue(e.getMessage().contains(dir.resolve("conf/server.key").toString()), e.getMessage());
            assertThrows(ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close());
            Files.delete(dir.resolve("conf/server.crt"));
            ConfigException missing = assertThrows(ConfigException.class, () -> Node.start(dir, TestServer.env()).close());
            assertTrue(missing.getMessage().contains(dir.resolve("conf/server.crt").toString()), missing.getMessage());
        } finally {
            Files2.deleteTree(dir);
        }
    }

    private static byte[] curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl finished");
        assertEquals(0, p.exitValue(), "curl " + cmd);
        return out;
    }
}
