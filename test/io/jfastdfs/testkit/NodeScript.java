package io.jfastdfs.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script of test/js run with Node: the real JavaScript clients (tus-js-client, headless Chromium).
 * Their packages come from `npm install` in test/js, which .ci/run does.
 */
public final class NodeScript {
    public static final Path DIR = Path.of("test/js").toAbsolutePath();

    /** What the script printed (stdout and stderr) and its exit code. */
    public record Result(int exit, String output) {}

    private NodeScript() {}

    /** The npm package is installed in test/js, or an error that says how to install it. */
    public static void requirePackage(String name) throws IOException {
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve(name))) {
            throw new IOException(name + " is not installed: run (cd test/js && npm install)");
        }
    }

    /** Runs {@code node <script> <args>} in test/js; a script still running after {@code timeout} is killed. */
    public static Result run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Result(p.waitFor(), out);
    }
}
