package io.jfastdfs.auth;

import io.jfastdfs.json.Json;
import io.jfastdfs.json.JsonException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.LongSupplier;

/**
 * Client of the custom authentication server ({@code auth_url}, API.md §6.5). One POST per decision,
 * answers cached briefly so a page of thumbnails does not cost one auth call per image.
 */
public final class AuthUrl {
    static final int MAX_CACHE_ENTRIES = 10_000;
    static final int MAX_REPLY_BYTES = 64 * 1024;
    /** Headers describing the client's connection or body, not the client: never forwarded. */
    private static final Set<String> CONNECTION_HEADERS = Set.of("host", "content-type", "content-length",
            "transfer-encoding", "connection", "expect", "upgrade", "te", "keep-alive");
    /** Set by us; a client's own copy would be a second, conflicting value. */
    private static final Set<String> OWN_HEADERS = Set.of("auth-token", "x-real-ip");
    /** Our form fields; a client parameter of the same name, sent first, would spoof them for first-value servers. */
    private static final Set<String> OWN_PARAMS = Set.of("auth_token", "__path__", "__method__");
    private static final Decision REFUSED = new Decision(false, "");

    /**
     * @param token    the client's token (header {@code Auth-Token}/{@code auth_token} or query {@code auth_token})
     * @param clientIp client IP as resolved by {@link ClientAddress}
     * @param headers  client request headers, first value each
     * @param params   client query/form parameters, first value each (never file content)
     */
    public record AuthRequest(String token, String clientIp, Map<String, String> headers, Map<String, String> params,
                              String path, String method) {
        public AuthRequest {
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** The verdict and the auth server's reply body ("" when it did not answer), which tus refusals echo. */
    public record Decision(boolean allowed, String body) {}

    /** What the auth server is likely to judge by; the client IP too, for servers that bind tokens to addresses. */
    private record Key(String token, String clientIp, String path, String method, Map<String, String> params) {}

    private record Cached(Decision decision, long expiresAtNanos) {}

    private final URI uri;
    private final HttpClient client;
    private final Duration timeout;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Cached> cache;

    /** @param cacheTtl zero disables caching */
    public AuthUrl(String url, HttpClient client, Duration timeout, Duration cacheTtl) {
        this(url, client, timeout, cacheTtl, MAX_CACHE_ENTRIES, System::nanoTime);
    }

    AuthUrl(String url, HttpClient client, Duration timeout, Duration cacheTtl, int maxEntries,
            LongSupplier nanoClock) {
        this.uri = checkedUri(url);
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.ttlNanos = Math.max(0, cacheTtl.toNanos());
        this.nanoClock = nanoClock;
        this.cache = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The URL as a URI, if it is an absolute http(s) URL with a host.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static URI checkedUri(String url) {
        URI u = URI.create(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("auth_url must be an http(s) URL: " + url);
        }
        return u;
    }

    public boolean allow(AuthRequest r) {
        return check(r).allowed();
    }

    /**
     * Asks the auth server, or the cache. A missing token is refused without a call, as go-fastdfs does.
     * Only real replies are cached: a timeout or transport error is refused now and retried next time.
     */
    public Decision check(AuthRequest r) {
        if (r.token() == null || r.token().isEmpty()) return REFUSED;
        Key key = new Key(r.token(), r.clientIp(), r.path(), r.method(), r.params());
        Decision cached = cached(key);
        if (cached != null) return cached;
        HttpResponse<String> reply = call(r);
        if (reply == null) return REFUSED;
        boolean ok = reply.statusCode() / 100 == 2 && isOk(reply.body());
        Decision d = new Decision(ok, reply.body());
        if (ttlNanos > 0) {
            synchronized (cache) {
                cache.remove(key); // re-insert so that eviction order is insertion age
                cache.put(key, new Cached(d, nanoClock.getAsLong() + ttlNanos));
            }
        }
        return d;
    }

    /** {@code ok}, or a JSON object whose {@code data} is the string {@code "ok"}. */
    static boolean isOk(String body) {
        String t = body.strip();
        if (t.equals("ok")) return true;
        if (!t.startsWith("{")) return false;
        try {
            return Json.parse(t) instanceof Map<?, ?> m && "ok".equals(m.get("data"));
        } catch (JsonException e) {
            return false;
        }
    }

    private Decision cached(Key key) {
        synchronized (cache) {
            Cached e = cache.get(key);
            if (e == null) return null;
            if (nanoClock.getAsLong() - e.expiresAtNanos() < 0) return e.decision();
            cache.remove(key);
            return null;
        }
    }

    /** The reply, or null on any failure; the whole exchange, body included, is bounded by the timeout. */
    private HttpResponse<String> call(AuthRequest r) {
        HttpRequest request;
        try {
            request = request(r);
        } catch (IllegalArgumentException e) {
            return null; // token or client IP not sendable as a header value
        }
        try {
            return CappedBody.send(client, request, MAX_REPLY_BYTES, timeout);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpRequest request(AuthRequest r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        // A plain-http HTTP/2 client would add "Upgrade: h2c" to the POST, which some auth servers mishandle.
        if (uri.getScheme().equalsIgnoreCase("http")) b.version(HttpClient.Version.HTTP_1_1);
        r.headers().forEach((name, value) -> {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (value == null || CONNECTION_HEADERS.contains(lower) || OWN_HEADERS.contains(lower)) return;
            try {
                b.header(name, value);
            } catch (IllegalArgumentException e) {
                // HttpClient refuses restricted or malformed headers; forwarding is best effort.
            }
        });
        b.header("Content-Type", "application/x-www-form-urlencoded");
        b.header("Auth-Token", r.token());
        if (r.clientIp() != null) b.header("X-Real-IP", r.clientIp());
        return b.POST(HttpRequest.BodyPublishers.ofString(form(r), StandardCharsets.UTF_8)).build();
    }

    private static String form(AuthRequest r) {
        StringJoiner body = new StringJoiner("&");
        add(body, "auth_token", r.token());
        r.params().forEach((k, v) -> {
            if (k != null && !OWN_PARAMS.contains(k)) add(body, k, v);
        });
        add(body, "__path__", r.path());
        add(body, "__method__", r.method());
        return body.toString();
    }

    private static void add(StringJoiner body, String name, String value) {
        body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
    }
}
