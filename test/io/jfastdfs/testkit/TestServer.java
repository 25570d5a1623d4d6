package io.jfastdfs.testkit;

import io.jfastdfs.Node;
import io.jfastdfs.config.ConfigFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real jfastdfs node for tests: in this JVM on an ephemeral port ({@link #start}) with its own
 * temp data dir. See {@link ServerProcess} for a node in a separate JVM (kill -9, heap caps).
 */
public final class TestServer implements Served, AutoCloseable {
    private final Path dir;
    private Node node;

    private TestServer(Path dir, Node node) {
        this.dir = dir;
        this.node = node;
    }

    /** A node with the generated defaults, except listening on 127.0.0.1:0. */
    public static TestServer start() throws Exception {
        return start(Map.of());
    }

    /** A node whose cfg.json is the generated defaults with {@code overrides} on top. */
    public static TestServer start(Map<String, Object> overrides) throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-test");
        writeConfig(dir, withDefaults(overrides));
        return new TestServer(dir, Node.start(dir, env()));
    }

    /** Starts a node on an existing data dir (restart after {@link #stop}). */
    public static TestServer startIn(Path dir) throws Exception {
        return new TestServer(dir, Node.start(dir, env()));
    }

    public static Map<String, Object> withDefaults(Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addr", "127.0.0.1:0");
        m.put("host", "http://127.0.0.1:8080");
        m.put("peers", java.util.List.of("http://127.0.0.1:8080"));
        m.put("peer_id", "1");
        m.putAll(overrides);
        return m;
    }

    public static void writeConfig(Path dir, Map<String, Object> values) throws IOException {
        new ConfigFile(dir, env(), cfg -> { }).create(values);
    }

    public static Map<String, String> env() {
        return Map.of("JFASTDFS_IP", "127.0.0.1");
    }

    /**
     * A free TCP port for nodes that need a fixed port (clusters, child processes). Taken below the
     * kernel's ephemeral range (32768+), so a server of a parallel test binding port 0 cannot get it
     * between this check and the node's own bind.
     */
    public static int freePort() throws IOException {
        for (int tries = 0; tries < 2000; tries++) {
            int port = 20000 + NEXT_PORT.getAndIncrement() % 12000;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException busy) {
                // taken by another program: try the next one
            }
        }
        throw new IOException("no free port in 20000-31999");
    }

    private static final AtomicInteger NEXT_PORT = new AtomicInteger(new Random().nextInt(12000));

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public int port() {
        return node.port();
    }

    /** "http://127.0.0.1:port" */
    @Override
    public String base() {
        return "http://127.0.0.1:" + port();
    }

    /** "http://127.0.0.1:port/group1" (or without group when group management is off). */
    @Override
    public String url() {
        return base() + node.settings().get().groupPrefix();
    }

    public Node node() {
        return node;
    }

    /** Stops the node, keeping its data dir. */
    public void stop() {
        if (node != null) node.close();
        node = null;
    }

    @Override
    public void close() {
        stop();
        Files2.deleteTree(dir);
    }
}
