package io.jfastdfs.testkit;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.config.ConfigException;
import io.jfastdfs.config.ConfigFile;
import io.jfastdfs.http.HttpServerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * com.sun HttpServers for fakes in tests (peers, hooks). The JDK reads its sun.net.httpserver.*
 * properties once, when the first server of the JVM is created: a fake created before any node would
 * leave every node of the test run with the JDK defaults (e.g. a 64 KiB drain, turning early 413
 * answers into connection resets). So the node's settings are applied first.
 */
public final class JdkServers {
    private static boolean tuned;

    private JdkServers() {}

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        tune();
        return HttpServer.create(address, backlog);
    }

    private static synchronized void tune() throws IOException {
        if (tuned) return;
        Path dir = Files.createTempDirectory("jfastdfs-tune");
        try {
            TestServer.writeConfig(dir, TestServer.withDefaults(Map.of()));
            HttpServerFactory.tuneJdkServer(new ConfigFile(dir, TestServer.env(), c -> { }).load());
            tuned = true;
        } catch (ConfigException e) {
            throw new IllegalStateException("the test defaults do not load", e);
        } finally {
            Files2.deleteTree(dir);
        }
    }
}
