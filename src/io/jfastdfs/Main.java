package io.jfastdfs;

import io.jfastdfs.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Command line: {@code server} (default) starts a node, {@code version} prints build facts. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String verb = args.length == 0 ? "server" : args[0];
        switch (verb) {
            case "server" -> serve();
            case "version" -> {
                System.out.println("Version   : " + Version.VERSION);
                System.out.println("JAVA_VERSION: " + Runtime.version());
                System.out.println("GIT_COMMIT: " + Version.COMMIT);
                System.out.println("BUILD_TIME: " + Version.BUILT);
            }
            default -> {
                System.err.println("usage: java -jar fileserver.jar [server|version]");
                System.exit(2);
            }
        }
    }

    private static void serve() throws InterruptedException {
        Map<String, String> env = System.getenv();
        String dir = env.getOrDefault("JFASTDFS_DIR", env.getOrDefault("GO_FASTDFS_DIR", ""));
        Path base = Path.of(dir.isBlank() ? "." : dir);
        Node node;
        try {
            node = Node.start(base, env);
        } catch (ConfigException e) {
            System.err.println("jfastdfs: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("jfastdfs: cannot start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
