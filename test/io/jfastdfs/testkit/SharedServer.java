package io.jfastdfs.testkit;

import io.jfastdfs.Node;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * One real node for all tests of a class: {@code @RegisterExtension static final SharedServer server =
 * new SharedServer();} starts it before the first test and removes it after the last.
 */
public final class SharedServer implements Served, BeforeAllCallback, AfterAllCallback {
    private final Map<String, Object> overrides;
    private TestServer server;

    public SharedServer() {
        this(Map.of());
    }

    /** A node whose cfg.json has {@code overrides} on top of the generated defaults. */
    public SharedServer(Map<String, Object> overrides) {
        this.overrides = overrides;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = TestServer.start(overrides);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    @Override
    public String url() {
        return server.url();
    }

    @Override
    public String base() {
        return server.base();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public Path dir() {
        return server.dir();
    }

    public Node node() {
        return server.node();
    }
}
