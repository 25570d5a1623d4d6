package io.jfastdfs.cluster;

import io.jfastdfs.config.Settings;
import io.jfastdfs.http.IdleWatchdog;
import io.jfastdfs.http.UrlCodec;
import io.jfastdfs.index.Event;
import io.jfastdfs.index.EventLog;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory.DaySummary;
import io.jfastdfs.json.Json;
import io.jfastdfs.ops.AppLog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Calls to one peer's {@code {G}/_peer/…} protocol, signed (see {@link PeerAuth}). Bounded: at most
 * {@link #MAX_CONNECTIONS} calls in flight (so at most that many sockets), a 5 s connect timeout
 * on the shared client, a time limit until the answer starts, and an inactivity limit on bodies.
 * Every outcome updates the peer's {@link PeerState}.
 */
final class PeerClient {
    /** Calls in flight to one peer: 4 transfers plus the puller's and a nudge or probe. */
    static final int MAX_CONNECTIONS = 6;
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CONTROL_BYTES = 64 * 1024 * 1024;

    /** A streamed answer; closing it frees the connection slot. */
    record Body(int status, HttpHeaders headers, InputStream in) implements AutoCloseable {
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        long length() {
            return headers.firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The peer did not answer at all (refused, unreachable, timed out): it counts as down. */
    static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The "peer" answered that the caller is itself (the node is listed under another name). */
    static final class Itself extends IOException {
        private static final long serialVersionUID = 1L;

        Itself(String message) {
            super(message);
        }
    }

    private final String url;
    private final Settings settings;
    private final HttpClient http;
    private final PeerAuth auth;
    private final IdleWatchdog idle;
    private final Runnable onUp;
    private final PeerState state = new PeerState();
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

    /** {@code onUp} runs when the peer answers after having been down. */
    PeerClient(String url, Settings settings, HttpClient http, PeerAuth auth, IdleWatchdog idle, Runnable onUp) {
        this.url = url;
        this.settings = settings;
        this.http = http;
        this.auth = auth;
        this.idle = idle;
        this.onUp = onUp;
    }

    String url() {
        return url;
    }

    PeerState state() {
        return state;
    }

    EventLog.Page events(long after, int limit) throws IOException {
        return json(peerPath("events", "after=" + after + "&limit=" + limit), doc -> {
            Map<?, ?> m = (Map<?, ?>) doc;
            List<Event> events = new ArrayList<>();
            for (Object o : (List<?>) m.get("events")) events.add(Event.fromJson((Map<?, ?>) o));
            return new EventLog.Page(String.valueOf(m.get("epoch")), ((Number) m.get("last")).longValue(), events);
        });
    }

    /** The peer's record for a key ("md5") or download path ("path"); empty when it lacks the file. */
    Optional<Map<?, ?>> has(String param, String value) throws IOException {
        String query = param + "=" + UrlCodec.encodeComponent(value);
        try (Body b = send("GET", peerPath("has", query), CONTROL_TIMEOUT, Map.of())) {
            return b.status() == 404 ? Optional.empty() : Optional.of(read(b, doc -> (Map<?, ?>) doc));
        }
    }

    /** Per-day summaries, every day or the one given. */
    List<DaySummary> summary(String day) throws IOException {
        return json(peerPath("summary", day.isEmpty() ? "" : "day=" + day), doc -> {
            List<DaySummary> out = new ArrayList<>();
            for (Object o : (List<?>) doc) out.add(DaySummary.fromJson((Map<?, ?>) o));
            return out;
        });
    }

    /** A page of a day's records with md5 above {@code after}, in md5 order. */
    List<FileRecord> digests(String day, String after, int limit) throws IOException {
        String query = "day=" + day + "&after=" + UrlCodec.encodeComponent(after) + "&limit=" + limit;
        return json(peerPath("digests", query), doc -> {
            List<FileRecord> out = new ArrayList<>();
            for (Object o : (List<?>) doc) out.add(FileRecord.fromJson((Map<?, ?>) o));
            return out;
        });
    }

    void nudge() throws IOException {
        try (Body b = send("POST", peerPath("nudge", ""), Duration.ofSeconds(5), Map.of())) {
            expectOk(b);
        }
    }

    /** A file by key ("md5") or download path ("path"); the caller checks the status. */
    Body file(String param, String value, String method, Map<String, String> headers) throws IOException {
        Duration wait = Duration.ofSeconds(Math.max(1, settings.get().syncTimeout()));
        return send(method, peerPath("file", param + "=" + UrlCodec.encodeComponent(value)), wait, headers);
    }

    /** Runs a go-fastdfs admin action on the peer with inner=1 (sync, repair, repair_stat, backup fan-out). */
    void forward(String action, Map<String, String> params) throws IOException {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(k).append('=').append(UrlCodec.encodeComponent(v)).append('&'));
        q.append("inner=1&").append(PeerAuth.FROM).append('=').append(UrlCodec.encodeComponent(self()));
        try (Body b = send("GET", settings.get().groupPrefix() + "/" + action + "?" + q, CONTROL_TIMEOUT, Map.of())) {
            expectOk(b);
        }
    }

    private String self() {
        return settings.get().host();
    }

    private String peerPath(String op, String query) {
        String from = PeerAuth.FROM + "=" + UrlCodec.encodeComponent(self());
        return settings.get().groupPrefix() + "/_peer/" + op + "?" + (query.isEmpty() ? from : query + "&" + from);
    }

    /** The peer answered, but not as it should: noted in its state, thrown by the caller. */
    IOException failure(String what) {
        state.failed(what);
        return new IOException(url + " " + what);
    }

    private <T> T json(String pathAndQuery, Function<Object, T> reader) throws IOException {
        try (Body b = send("GET", pathAndQuery, CONTROL_TIMEOUT, Map.of())) {
            return read(b, reader);
        }
    }

    /** Reads a JSON answer; any surprise in its status, size or shape is the peer's failure, not ours. */
    private <T> T read(Body b, Function<Object, T> reader) throws IOException {
        expectOk(b);
        byte[] data = b.in().readNBytes(MAX_CONTROL_BYTES + 1);
        if (data.length > MAX_CONTROL_BYTES) throw failure("sent an answer over " + MAX_CONTROL_BYTES + " bytes");
        try {
            return reader.apply(Json.parse(new String(data, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw failure("sent a bad answer: " + e);
        }
    }

    private void expectOk(Body b) throws IOException {
        if (b.status() == PeerEndpoints.ITSELF) throw new Itself(url + " is this node");
        if (b.status() / 100 != 2) {
            throw failure("answered HTTP " + b.status()
                    + (b.status() == 403 ? " (is peer_secret the same on both nodes?)" : ""));
        }
    }

    private Body send(String method, String pathAndQuery, Duration timeout, Map<String, String> headers)
            throws IOException {
        try {
            if (!connections.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(url + ": " + MAX_CONNECTIONS + " calls already in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) connections.release();
        };
        boolean sent = false;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(timeout)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            String sig = auth.header(method, pathAndQuery);
            if (sig != null) b.header(PeerAuth.HEADER, sig);
            headers.forEach(b::header);
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (state.reached()) onUp.run();
            // the slot is freed by the reader's close, or by the watchdog when a body is left unread
            InputStream body = new FilterInputStream(r.body()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        release.run();
                    }
                }
            };
            sent = true;
            return new Body(r.statusCode(), r.headers(), idle.closeWhenIdle(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (IOException e) { // refused, reset, timed out (HttpTimeoutException): no answer at all
            state.unreachable(AppLog.describe(e));
            throw new Unreachable(url + ": " + AppLog.describe(e), e);
        } finally {
            if (!sent) release.run();
        }
    }
}
