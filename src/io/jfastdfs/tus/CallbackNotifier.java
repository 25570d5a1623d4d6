package io.jfastdfs.tus;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Metadata callback_url (API.md §2.18): once an upload is stored, POST form {@code info} (pretty
 * FileInfo JSON) and {@code id} to it, in the background. http/https only, redirects not
 * followed, 10 s timeout, 3 attempts with doubling pauses (go-fastdfs tried once).
 */
final class CallbackNotifier {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final Duration firstPause;
    private final Consumer<String> warn;
    /** Made on the first callback: a client runs a selector thread, and most nodes never call back. */
    private HttpClient client;

    CallbackNotifier(Duration firstPause, Consumer<String> warn) {
        this.firstPause = firstPause;
        this.warn = warn;
    }

    /** Starts delivering; an empty {@code url} means no callback, an unusable one is logged and dropped. */
    void send(String url, FileRecord record, String uploadId) {
        if (url.isBlank()) return;
        URI uri = target(url.trim());
        if (uri == null) {
            warn.accept("tus upload " + uploadId + ": callback_url ignored, only absolute http/https URLs are called");
            return;
        }
        String form = "info=" + URLEncoder.encode(Json.pretty(record), StandardCharsets.UTF_8) + "&id=" + uploadId;
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpClient c = client();
        Thread.ofVirtual().name("tus-callback-" + uploadId).start(() -> deliver(c, req, uploadId));
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1).build();
        }
        return client;
    }

    private void deliver(HttpClient http, HttpRequest req, String uploadId) {
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) return;
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS && !pause(firstPause.multipliedBy(1L << (attempt - 1)))) return;
        }
        URI u = req.uri();
        warn.accept("tus upload " + uploadId + ": callback to " + u.getScheme() + "://" + u.getRawAuthority()
                + " failed " + ATTEMPTS + " times, last: " + last);
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static URI target(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            return u.getHost() == null ? null : u;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
