package io.jfastdfs.auth;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The {@link AuthUrl} client for whatever {@code auth_url} the live config names: built on first use
 * and rebuilt when a reload changes the URL, so its answer cache never outlives the server it came from.
 */
public final class LiveAuthUrl {
    /** API.md §6.5: the auth server gets 10 s, then the request is refused. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Long enough to spare the auth server a call per thumbnail of one page, short enough that revocation bites. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private record Current(String url, AuthUrl client) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect would resend the client's token elsewhere
            .build();
    private volatile Current current;

    /**
     * Asks the auth server at {@code url} (validated by {@link AccessControl#validate}); a URL that is not
     * http(s) refuses every request rather than letting it through.
     */
    public AuthUrl.Decision check(String url, AuthUrl.AuthRequest request) {
        Current c = current;
        if (c == null || !c.url().equals(url)) {
            try {
                c = new Current(url, new AuthUrl(url, http, TIMEOUT, CACHE_TTL));
            } catch (IllegalArgumentException e) {
                return new AuthUrl.Decision(false, "");
            }
            current = c;
        }
        return c.client().check(request);
    }
}
