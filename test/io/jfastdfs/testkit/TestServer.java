package io.jfastdfs.testkit;

import io.jfastdfs.Node;
import io.jfastdfs.config.ConfigFile;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** A free TCP port on 127.0.0.1 (for nodes that need a fixed port, e.g. clusters). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

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
