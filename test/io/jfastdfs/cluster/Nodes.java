package io.jfastdfs.cluster;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cluster test helpers: node configs on 127.0.0.N, uploads, polling with a deadline, signed calls. */
final class Nodes {
    static final String SECRET = "cluster-test-secret";

    private Nodes() {}

    /** "http://127.0.0.N:port" */
    static String host(int n, int port) {
        return "http://127.0.0." + n + ":" + port;
    }

    /** cfg.json overrides for node N of a group whose members are {@code members} (node numbers). */
    static Map<String, Object> config(int n, int port, List<Integer> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addr", "127.0.0." + n + ":" + port);
        m.put("host", host(n, port));
        List<String> peers = new ArrayList<>();
        for (int i : members) peers.add(host(i, port));
        m.put("peers", peers);
        m.put("peer_id", String.valueOf(n));
        m.put("peer_secret", SECRET);
        m.put("auto_repair", false);
        return m;
    }

    /** Starts in-process nodes 1..count on one port, each listing all of them as peers. */
    static TestServer[] start(int count, int port) throws Exception {
        List<Integer> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) members.add(i);
        TestServer[] s = new TestServer[count];
        for (int i = 1; i <= count; i++) s[i - 1] = TestServer.start(config(i, port, members));
        return s;
    }

    /** A stored file as the uploading node reported it. */
    record Stored(String path, String md5, byte[] content) {
        /** The download URL on node N. */
        String on(int n, int port) {
            return host(n, port) + path;
        }
    }

    /** Uploads with output=json to node N and returns the stored path and md5. */
    static Stored upload(int n, int port, String name, byte[] content) throws Exception {
        Http.Resp r = Http.upload(host(n, port) + "/group1/upload", name, content, Map.of("output", "json"));
        assertEquals(200, r.status(), r.text());
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.text());
        assertEquals(Files2.md5(content), m.get("md5"), r.text());
        return new Stored((String) m.get("path"), (String) m.get("md5"), content);
    }

    /** The record get_file_info answers on node N, or null. */
    static Map<?, ?> fileInfo(int n, int port, String md5) throws Exception {
        Map<?, ?> env = (Map<?, ?>) Json.parse(Http.get(host(n, port) + "/group1/get_file_info?md5=" + md5).text());
        return (Map<?, ?>) env.get("data");
    }

    /** True when node N has an index record for {@code md5} (the record commits just after the file is placed). */
    static boolean indexed(int n, int port, String md5) {
        try {
            return fileInfo(n, port, md5) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls until {@code done} holds; fails with {@code what} when {@code seconds} pass. */
    static void await(double seconds, String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + seconds + " s: " + what);
            Thread.sleep(20);
        }
    }

    /** True when node's data dir holds the file with exactly its content (a proxied download does not count). */
    static boolean holds(Path nodeDir, Stored f) {
        Path p = nodeDir.resolve("files/" + f.path().substring("/group1/".length()));
        try {
            return Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), f.content());
        } catch (IOException e) {
            return false;
        }
    }

    /** True when a GET of {@code url} answers 200 with exactly {@code content}. */
    static boolean serves(String url, byte[] content) {
        try {
            Http.Resp r = Http.get(url);
            return r.status() == 200 && Arrays.equals(r.body(), content);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean gone(String url) {
        try {
            return Http.get(url).status() == 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An X-Peer-Auth value as a peer with {@code secret} would sign it at {@code ts}. */
    static String signature(String secret, String method, String pathAndQuery, long ts) {
        return ts + ":" + PeerAuth.sign(secret, method, pathAndQuery, ts);
    }

    /** HTTP from a chosen loopback source address (Linux routes all of 127/8 to lo). */
    static Http.Resp from(String sourceIp, String method, String url, String... headers) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(sourceIp)).connectTimeout(Duration.ofSeconds(5)).build();
        try (c) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (headers.length > 0) b.headers(headers);
            HttpResponse<byte[]> r = c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v));
            return new Http.Resp(r.statusCode(), h, r.body());
        }
    }
}
