package io.jfastdfs.ops;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.testkit.JdkServers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An alarm_url receiver for tests: records every form POST as name → value. */
final class FakeAlarmUrl implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<Map<String, String>> posts = new LinkedBlockingQueue<>();

    FakeAlarmUrl() throws IOException {
        server = JdkServers.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alarm", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("content-type", ex.getRequestHeaders().getFirst("Content-Type"));
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            posts.add(form);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alarm";
    }

    /** The next POST within {@code millis}, or null. */
    Map<String, String> next(long millis) throws InterruptedException {
        return posts.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
