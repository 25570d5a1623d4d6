package io.jfastdfs.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jfastdfs.config.Config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** Creates the JDK HTTP server on a virtual thread per request, with one root context. */
public final class HttpServerFactory {
    private HttpServerFactory() {}

    /**
     * Without TCP_NODELAY, 16 KiB answers wait ~40 ms on Nagle; the JDK reads the property once,
     * so it is set before the first server is created.
     */
    public static void tuneJdkServer(Config cfg) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(cfg.idleTimeout()));
        System.setProperty("sun.net.httpserver.maxReqHeaders", "100");
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(64 * 1024));
        // A refused upload (413, 401, read_only) is answered before its body is read; reading and
        // discarding up to this much of the rest lets the client see the answer instead of a reset.
        System.setProperty("sun.net.httpserver.drainAmount", Long.toString(16L << 20));
    }

    /** Plain HTTP when {@code tls} is null, else HTTPS with that context (enable_https, API.md §6.8). */
    public static HttpServer start(Config cfg, HttpHandler handler, SSLContext tls) throws IOException {
        tuneJdkServer(cfg);
        InetSocketAddress addr = cfg.bindHost().isEmpty()
                ? new InetSocketAddress(cfg.port())
                : new InetSocketAddress(cfg.bindHost(), cfg.port());
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(addr, 1024);
        } else {
            HttpsServer https = HttpsServer.create(addr, 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
