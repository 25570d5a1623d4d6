package io.jfastdfs.cluster;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.GuideSnippets;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's three-node quick start and its "Try it" block, run as written with three real nodes on
 * 127.0.0.1/.2/.3. Only the port (a free one instead of 8080), $HOME (a temp dir) and the java command
 * (the JDK and jar of this build, with a small heap) differ.
 */
class ReadmeClusterTest {

    @Test
    void theThreeNodeQuickStartReplicatesAsTheGuideSays() throws Exception {
        int port = TestServer.freePort();
        Path home = Files.createTempDirectory("jfastdfs-readme-cluster");
        List<Long> pids = new ArrayList<>();
        try {
            String start = adapt(GuideSnippets.get("cluster-quickstart"), port) + "echo \"started: $(jobs -p | tr '\\n' ' ')\"\n";
            String started = bash(home, start);
            for (String pid : started.substring(started.indexOf("started:") + 8).trim().split(" ")) {
                pids.add(Long.parseLong(pid));
            }
            assertEquals(3, pids.size(), started);
            for (int n = 1; n <= 3; n++) {
                String status = Nodes.host(n, port) + "/group1/status";
                Nodes.await(30, "node " + n + " answers", () -> {
                    try {
                        return Http.get(status).status() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            String out = bash(home, adapt(GuideSnippets.get("cluster-try"), port));
            assertTrue(out.startsWith("hello from node 1\n"), "node 3 serves what node 1 stored: " + out);
            for (int n : new int[] {1, 3}) {
                assertTrue(out.contains("\"http://127.0.0." + n + ":" + port + "\": {"), "node 2 lists node " + n + ": " + out);
            }
            assertTrue(out.contains("\"up\": true"), out);
            String md5 = Files2.md5("hello from node 1\n".getBytes(StandardCharsets.UTF_8));
            Nodes.await(30, "node 2 holds the file too", () -> Nodes.indexed(2, port, md5));
        } finally {
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            Files2.deleteTree(home);
        }
    }

    /** The guide's block with this test's port, home and JVM. */
    private static String adapt(String block, int port) {
        return block.replace("8080", Integer.toString(port))
                .replace("java -jar fileserver.jar", "\"$JAVA\" -XX:+UseSerialGC -Xmx128m -jar \"$JAR\"");
    }

    /** Runs {@code script} with bash in {@code home} (also its $HOME); returns what it printed. */
    private static String bash(Path home, String script) throws Exception {
        Path out = Files.createTempFile(home, "bash", ".out");
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JAVA", System.getenv().getOrDefault("JFASTDFS_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        pb.environment().put("JAR", Path.of(System.getenv().getOrDefault("JFASTDFS_JAR", "fileserver.jar"))
                .toAbsolutePath().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the block did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
