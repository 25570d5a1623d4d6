package io.jfastdfs.tools;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gen_file.py, benchmark.py and control, run for real against a real node. */
class ToolsTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    record Run(int code, String out, String err) {}

    static Run run(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void genFileThenBenchmarkUploadsEveryFileOnce() throws Exception {
        Path work = Files.createTempDirectory("tools");
        try (TestServer server = TestServer.start()) {
            Run gen = run(work, Map.of(), "python3", REPO.resolve("gen_file.py").toString(),
                    "--count", "60", "--per-dir", "25", "--size", "4096", "--dir", "files");
            assertEquals(0, gen.code(), gen.err());
            assertEquals("generated 60 files in 3 directories, 245760 bytes", gen.out().strip());
            Run bench = run(work, Map.of(), "python3", REPO.resolve("benchmark.py").toString(),
                    server.url() + "/upload", "--dir", "files", "--workers", "8");
            assertEquals(0, bench.code(), bench.err());
            String last = bench.out().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.matches("files=60 ok=60 failed=0 bytes=245760 seconds=\\d+\\.\\d{3} "
                    + "files_per_sec=\\d+\\.\\d MB_per_sec=\\d+\\.\\d{2}"), last);
            String stat = Http.get(server.url() + "/stat").text();
            assertTrue(stat.contains("\"date\": \"all\",\n      \"fileCount\": 60,\n      \"totalSize\": 245760"), stat);
        } finally {
            Files2.deleteTree(work);
        }
    }

    @Test
    void benchmarkReportsFailuresAndExitsNonZero() throws Exception {
        Path work = Files.createTempDirectory("tools");
        try (TestServer server = TestServer.start(Map.of("read_only", true))) {
            Files.writeString(work.resolve("a.txt"), "refused by a read-only node");
            Run bench = run(work, Map.of(), "python3", REPO.resolve("benchmark.py").toString(),
                    server.url() + "/upload", "--dir", ".", "--workers", "2");
            assertEquals(1, bench.code());
            assertTrue(bench.err().contains("FAIL ") && bench.err().contains("a.txt"), bench.err());
            assertTrue(bench.out().contains("files=1 ok=0 failed=1 bytes=0 "), bench.out());
        } finally {
            Files2.deleteTree(work);
        }
    }

    @Test
    void controlStartsStatusesAndStopsTheRealJar() throws Exception {
        Path app = Files.createTempDirectory("jfastdfs-app");
        try {
            Files.copy(REPO.resolve("control"), app.resolve("control"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(REPO.resolve(System.getenv().getOrDefault("JFASTDFS_JAR", "fileserver.jar")), app.resolve("fileserver.jar"));
            int port = TestServer.freePort();
            TestServer.writeConfig(app, TestServer.withDefaults(Map.of("addr", "127.0.0.1:" + port)));
            Map<String, String> env = java.util.Map.of("JAVA_HOME", javaHome());
            String name = app.getFileName().toString();

            Run stopped = run(app, env, "./control", "status");
            assertEquals(1, stopped.code());
            assertEquals(name + " is stoped\napp_status:stoped", stopped.out().strip());

            Run start = run(app, env, "./control", "start");
            assertEquals(0, start.code(), start.out() + start.err());
            String pid = Files.readString(app.resolve("conf/app.pid")).strip();
            assertTrue(start.out().contains(name + " now is running, pid=" + pid + "\napp_status:running"), start.out());
            assertEquals(200, awaitStatus("http://127.0.0.1:" + port + "/group1/status"));

            Run again = run(app, env, "./control", "start");
            assertEquals(1, again.code());
            assertEquals(name + " now is running already, pid=" + pid, again.out().strip());

            Run stop = run(app, env, "./control", "stop");
            assertEquals(0, stop.code());
            assertTrue(stop.out().contains(name + " stoped..."), stop.out());
            assertTrue(!Files.exists(app.resolve("conf/app.pid")));
            String log = Files.readString(app.resolve("log/fileserver.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("stopped"), "graceful shutdown is logged: " + log);
        } finally {
            run(app, Map.of("JAVA_HOME", javaHome()), "./control", "stop");
            Files2.deleteTree(app);
        }
    }

    /** control returns once the JVM runs; the port may open a moment later on a loaded machine. */
    private static int awaitStatus(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                return Http.get(url).status();
            } catch (java.net.ConnectException e) {
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    /** The JDK build.sh chose (>= 21), as the JAVA_HOME control should use. */
    private static String javaHome() {
        String java = System.getenv().getOrDefault("JFASTDFS_JAVA", "");
        return java.isEmpty() ? System.getProperty("java.home") : Path.of(java).getParent().getParent().toString();
    }
}
