package io.jfastdfs.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A jfastdfs node in its own JVM (for kill -9, heap caps, restarts). Uses the java and class path
 * that build.sh exports as JFASTDFS_JAVA and JFASTDFS_CP.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path dir;
    private final String host;
    private final int port;
    private final List<String> jvmArgs;
    private Process process;

    private ServerProcess(Path dir, String host, int port, List<String> jvmArgs) {
        this.dir = dir;
        this.host = host;
        this.port = port;
        this.jvmArgs = jvmArgs;
    }

    /** Writes cfg.json (defaults + overrides, listening on host:port) into dir and starts the node. */
    public static ServerProcess start(Path dir, String host, int port, Map<String, Object> overrides,
                                      List<String> jvmArgs) throws Exception {
        Map<String, Object> cfg = new java.util.LinkedHashMap<>(TestServer.withDefaults(Map.of()));
        cfg.put("addr", host + ":" + port);
        cfg.put("host", "http://" + host + ":" + port);
        cfg.put("peers", List.of("http://" + host + ":" + port));
        cfg.putAll(overrides);
        Files.createDirectories(dir);
        TestServer.writeConfig(dir, cfg);
        ServerProcess p = new ServerProcess(dir, host, port, jvmArgs);
        p.launch();
        return p;
    }

    public void launch() throws Exception {
        String java = System.getenv().getOrDefault("JFASTDFS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String cp = System.getenv().getOrDefault("JFASTDFS_CP", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", absoluteCp(cp), "io.jfastdfs.Main", "server"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        pb.environment().put("JFASTDFS_DIR", dir.toString());
        pb.environment().put("JFASTDFS_IP", host);
        process = pb.start();
        awaitReady(Duration.ofSeconds(30));
    }

    private static String absoluteCp(String cp) {
        StringBuilder sb = new StringBuilder();
        for (String part : cp.split(java.io.File.pathSeparator)) {
            if (sb.length() > 0) sb.append(java.io.File.pathSeparator);
            sb.append(Path.of(part).toAbsolutePath());
        }
        return sb.toString();
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("server exited: " + Files.readString(dir.resolve("stdout.log")));
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() > 0 && announcedOwnPort()) return;
                Thread.sleep(50);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("server did not start in " + timeout);
    }

    /** The node logged that it serves on our port: the answer above came from it, not from another server. */
    private boolean announcedOwnPort() throws IOException {
        String line = " on port " + port + ",";
        for (String name : List.of("stdout.log", "log/fileserver.log")) {
            Path f = dir.resolve(name);
            if (Files.exists(f) && Files.readString(f).contains(line)) return true;
        }
        return false;
    }

    public String base() {
        return "http://" + host + ":" + port;
    }

    public String url() {
        return base() + "/group1";
    }

    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait (graceful shutdown). */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** The last lines of the node's stdout, server log and access log (for assertion messages). */
    public String logTail() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("stdout.log", "log/fileserver.log", "log/access.log")) {
            sb.append("\n== ").append(name).append('\n');
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name));
                sb.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
            } catch (IOException e) {
                sb.append("(unreadable: ").append(e).append(')');
            }
        }
        return sb.toString();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) kill();
    }
}
