package io.jfastdfs.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.json.Json;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The single HttpHandler: path check → route → method check → admin guard → handler, then CORS,
 * strict status mapping, the write, and one access-log line. Every ApiError becomes its answer here.
 */
public final class Dispatcher implements HttpHandler {
    static final String DENIED = "Can only be called by the cluster ip or 127.0.0.1 or admin_ips(cfg.json),current ip:";
    private static final String INTERNAL_ERROR = "(error)internal server error";
    private static final String SHUTTING_DOWN = "(error)server is shutting down";

    private final Settings settings;
    private final Router router;
    private final AccessPolicy policy;
    private final Consumer<String> accessLog;
    private final BiConsumer<String, Throwable> errorLog;
    private final RequestObserver observer;
    private final AccessLog format = new AccessLog();
    private final IdleWatchdog watchdog;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    public Dispatcher(Settings settings, Router router, AccessPolicy policy, Consumer<String> accessLog,
                      BiConsumer<String, Throwable> errorLog, RequestObserver observer) {
        this.settings = settings;
        this.observer = observer;
        this.watchdog = new IdleWatchdog("request-idle-watchdog", () -> settings.get().readTimeout(),
                () -> settings.get().writeTimeout());
        this.router = router;
        this.policy = policy;
        this.accessLog = accessLog;
        this.errorLog = errorLog;
    }

    /**
     * Answers every new request 503 and waits up to {@code maxMillis} for the requests in flight.
     * (The JDK server's own stop(delay) cannot be used for this: an exchange that ended without an
     * answer, e.g. a client that went away, keeps it waiting for the whole delay.)
     */
    public void drain(long maxMillis) throws InterruptedException {
        draining = true;
        long deadline = System.currentTimeMillis() + maxMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        watchdog.close();
    }

    @Override
    public void handle(HttpExchange ex) {
        long start = System.nanoTime();
        Config cfg = settings.get();
        String method = ex.getRequestMethod();
        Client client = null;
        Route route = null;
        int status = 499;
        long sent = 0;
        IdleWatchdog.Activity activity = watchdog.begin(Thread.currentThread()::interrupt);
        inFlight.incrementAndGet();
        try {
            ex.setStreams(activity.watch(ex.getRequestBody()), activity.watch(ex.getResponseBody()));
            client = policy.client(ex);
            Reply reply;
            try {
                String path = requestPath(ex);
                route = router.route(path);
                if (route == null) throw ApiError.empty(404);
                reply = serve(ex, route, path, method, client);
            } catch (ApiError e) {
                if (e.getCause() != null) errorLog.accept(failed(ex, method), e.getCause());
                reply = render(e);
            } catch (IOException | RuntimeException e) {
                // an IOException on the client's own streams means it went away: nobody to answer;
                // any other is the server's fault (disk, index) and gets a 500 rather than silence
                if (e instanceof IOException && activity.streamFailed()) throw e;
                errorLog.accept(failed(ex, method), e);
                reply = Reply.text(500, INTERNAL_ERROR);
            }
            Map<String, String> headers = reply.headers();
            // a refused path has no route yet still gets the public headers: CORS is on every answer
            Cors.Flavour cors = route != null ? route.cors() : Cors.Flavour.PUBLIC;
            Cors.apply(cfg, cors, ex.getRequestHeaders().getFirst("Origin"), method.equals("OPTIONS"), headers);
            if (cors == Cors.Flavour.TUS) {
                // §2.18: every tus reply, including the 405/503/500 made here rather than by the tus handler
                headers.putIfAbsent("Tus-Resumable", "1.0.0");
                headers.putIfAbsent("X-Content-Type-Options", "nosniff");
            }
            status = reply.status(cfg.strictHttpStatus());
            sent = write(ex, method, status, reply);
        } catch (IOException e) {
            // the client went away before or while being answered: status stays 499 or what was sent
        } catch (RuntimeException e) {
            errorLog.accept(failed(ex, method), e);
            status = 500;
            trySendError(ex);
        } finally {
            inFlight.decrementAndGet();
            activity.close();
            if (activity.wasCut()) {
                Thread.interrupted(); // clear a late interrupt so that closing and logging below still work
                status = 408;
            }
            ex.close();
            long nanos = System.nanoTime() - start;
            observer.observe(route != null ? route.name() : "none", status, activity.bytesRead(),
                    activity.bytesWritten(), nanos);
            String who = client != null ? client.display() : String.valueOf(ex.getRemoteAddress());
            accessLog.accept(format.line(nanos, who, method, status, ex.getRequestURI().toString(), sent));
        }
    }

    private static String failed(HttpExchange ex, String method) {
        return "request " + method + " " + ex.getRequestURI() + " failed";
    }

    /** The decoded request path, refused (400) when unsafe (API.md §1.9). */
    private static String requestPath(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawPath();
        try {
            return SafePath.requestPath(raw, UrlCodec.decode(raw == null ? "" : raw, false));
        } catch (UnsafePathException e) {
            throw ApiError.empty(400);
        }
    }

    private Reply serve(HttpExchange ex, Route route, String path, String method, Client client) throws IOException {
        // API.md §1.4: during shutdown 503, API actions still with an envelope
        if (draining) throw route.isAction() ? ApiError.real(503, SHUTTING_DOWN) : ApiError.empty(503);
        if (method.equals("OPTIONS") && route.cors() != Cors.Flavour.TUS) return Reply.empty(200);
        if (!route.methods().contains(method)) {
            TreeSet<String> allow = new TreeSet<>(route.methods());
            allow.add("OPTIONS");
            return Reply.empty(405).header("Allow", String.join(", ", allow));
        }
        Request req = new Request(ex, method, path, client);
        if (route.access() == Route.Access.ADMIN && !policy.isAdmin(req)) return denial(route, client);
        return route.handler().handle(req);
    }

    private static Reply denial(Route route, Client client) {
        String text = DENIED + client.display();
        return switch (route.denial()) {
            case TEXT -> Reply.text(text).strictStatus(403);
            case ENVELOPE -> Reply.envelope("fail", text, null).strictStatus(403);
            case SYNC -> Reply.envelope("fail", "client must be in cluster", null).strictStatus(403);
            case EMPTY -> Reply.empty(200).strictStatus(403);
        };
    }

    private static Reply render(ApiError e) {
        int status = e.status(false);
        Reply r = switch (e.shape()) {
            case ENVELOPE -> Reply.text(status, Json.pretty(Envelope.of("fail", e.getMessage(), null)));
            case TEXT -> Reply.text(status, e.getMessage());
            case EMPTY -> Reply.empty(status);
        };
        return r.strictStatus(e.status(true));
    }

    /** Sends status, headers and body; returns the body bytes sent. */
    static long write(HttpExchange ex, String method, int status, Reply reply) throws IOException {
        Headers h = ex.getResponseHeaders();
        for (Map.Entry<String, String> e : reply.headers().entrySet()) h.set(e.getKey(), e.getValue());
        long len = reply.length();
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
        if (noBody) {
            if (status != 204 && status != 304) h.set("Content-Length", Long.toString(Math.max(len, 0)));
            ex.sendResponseHeaders(status, -1);
            return 0;
        }
        if (len == 0) {
            ex.sendResponseHeaders(status, -1);
            return 0;
        }
        ex.sendResponseHeaders(status, len < 0 ? 0 : len);
        OutputStream out = ex.getResponseBody();
        reply.writeBody(out);
        out.flush();
        return Math.max(len, 0);
    }

    private static void trySendError(HttpExchange ex) {
        try {
            byte[] body = INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", Reply.TEXT_TYPE);
            ex.sendResponseHeaders(500, body.length);
            ex.getResponseBody().write(body);
        } catch (IOException | RuntimeException ignored) {
            // headers were already sent: closing the exchange is all that is left
        }
    }
}
