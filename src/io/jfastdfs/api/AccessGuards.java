package io.jfastdfs.api;

import io.jfastdfs.auth.AuthUrl;
import io.jfastdfs.auth.DownloadToken;
import io.jfastdfs.auth.LiveAuthUrl;
import io.jfastdfs.auth.Totp;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.AccessPolicy;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The node's access checks on uploads (API.md §2.1 checks 1 and 5, §2.18), downloads (§2.4) and
 * deletes (§2.7): auth_url, download tokens and Google codes, read from the live config on every
 * request. The decisions are io.jfastdfs.auth's; this class feeds them from requests and shapes refusals.
 */
public final class AccessGuards implements UploadGuard, DownloadGuard {
    static final String AUTH_FAIL = "auth fail";
    static final String GOOGLE_CODE_FAIL = "invalid request,error google code";
    static final String TUS_TOKEN_MISSING = "token auth fail,auth_token is not in http header Upload-Metadata,"
            + "in uppy uppy.setMeta({ auth_token: '9ee60e59-cb0f-4578-aaba-29b9fc2919ca' })";

    private final Settings settings;
    private final FileIndex index;
    private final AccessPolicy policy;
    private final LiveAuthUrl authUrl = new LiveAuthUrl();

    /** {@code policy} says who is admin; admins (and peers it authenticates as such) skip download checks. */
    public AccessGuards(Settings settings, FileIndex index, AccessPolicy policy) {
        this.settings = settings;
        this.index = index;
        this.policy = policy;
    }

    /** auth_url on uploads and second pass, before any body byte: the token must come in a header or the query. */
    @Override
    public void beforeBody(Request r) {
        Config cfg = settings.get();
        if (cfg.authUrl().isEmpty()) return;
        boolean multipart = r.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
        Map<String, String> params = multipart ? r.queryParams() : r.params();
        if (!askAuthUrl(cfg, r, params, tokenOf(r, params)).allowed()) {
            throw new ApiError(401, 401, ApiError.Shape.ENVELOPE, AUTH_FAIL);
        }
    }

    @Override
    public void withFields(Request r, String scene) {
        Config cfg = settings.get();
        if (!codeAccepted(cfg, List.of(scene), r.param("code"))) {
            throw new ApiError(401, 401, ApiError.Shape.ENVELOPE, GOOGLE_CODE_FAIL);
        }
    }

    @Override
    public void tusCreation(Request r, Map<String, String> metadata) {
        Config cfg = settings.get();
        if (!cfg.authUrl().isEmpty()) {
            String token = metadata.getOrDefault("auth_token", "");
            if (token.isEmpty()) throw ApiError.text(401, 401, TUS_TOKEN_MISSING + "\n");
            Map<String, String> params = new LinkedHashMap<>(r.queryParams());
            params.putAll(metadata);
            AuthUrl.Decision d = askAuthUrl(cfg, r, params, token);
            if (!d.allowed()) throw ApiError.text(401, 401, d.body());
        }
        String scene = metadata.getOrDefault("scene", "");
        if (!codeAccepted(cfg, List.of(scene.isEmpty() ? cfg.defaultScene() : scene), metadata.getOrDefault("code", ""))) {
            throw ApiError.text(401, 401, GOOGLE_CODE_FAIL + "\n");
        }
    }

    @Override
    public void check(Request r, String rel) {
        check(r, rel, () -> index.find(FileRecord.pathKeyOf("files/" + rel)));
    }

    /** API.md §2.4 in its order: auth_url, token, Google code; any refusal is 401 with an empty body. */
    @Override
    public void check(Request r, String rel, Supplier<Optional<FileRecord>> record) {
        Config cfg = settings.get();
        boolean authUrlOn = cfg.enableDownloadAuth() && !cfg.authUrl().isEmpty();
        if (!authUrlOn && !cfg.downloadUseToken() && !cfg.enableGoogleAuth()) return;
        if (policy.isAdmin(r)) return;
        if (authUrlOn && !askAuthUrl(cfg, r, r.queryParams(), tokenOf(r, r.queryParams())).allowed()) {
            throw ApiError.empty(401);
        }
        if (!cfg.downloadUseToken() && !cfg.enableGoogleAuth()) return;
        Optional<FileRecord> rec = record.get();
        if (cfg.downloadUseToken()) {
            // No record, no md5 to check against: refused (go-fastdfs let any token through here).
            boolean ok = rec.isPresent() && DownloadToken.verify(rec.get().md5(), r.param("token"),
                    r.param("timestamp"), nowSeconds(), cfg.downloadTokenExpire(), cfg.downloadTokenSecret());
            if (!ok) throw ApiError.empty(401);
        }
        if (cfg.enableGoogleAuth()) {
            // The scene is the first path segment (Compat); a custom-path upload's own scene counts too.
            Set<String> scenes = new LinkedHashSet<>();
            scenes.add(rel.indexOf('/') < 0 ? rel : rel.substring(0, rel.indexOf('/')));
            rec.ifPresent(f -> scenes.add(f.scene()));
            if (!codeAccepted(cfg, scenes, r.param("code"))) throw ApiError.empty(401);
        }
    }

    /** auth_url on delete (§2.7): the caller is already admin; a refusal is 401 with an empty body. */
    public void checkDelete(Request r) {
        Config cfg = settings.get();
        if (cfg.authUrl().isEmpty()) return;
        Map<String, String> params = r.params();
        if (!askAuthUrl(cfg, r, params, tokenOf(r, params)).allowed()) throw ApiError.empty(401);
    }

    /** Header Auth-Token, else header auth_token, else parameter auth_token (§2.1). */
    private static String tokenOf(Request r, Map<String, String> params) {
        String t = r.header("Auth-Token");
        if (t.isEmpty()) t = r.header("auth_token");
        if (t.isEmpty()) t = params.getOrDefault("auth_token", "");
        return t;
    }

    private AuthUrl.Decision askAuthUrl(Config cfg, Request r, Map<String, String> params, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        r.exchange().getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) headers.put(name, values.get(0));
        });
        return authUrl.check(cfg.authUrl(),
                new AuthUrl.AuthRequest(token, r.client().display(), headers, params, r.path(), r.method()));
    }

    /** True unless Google auth is on and one of {@code scenes} has a secret that {@code code} does not verify. */
    private static boolean codeAccepted(Config cfg, Iterable<String> scenes, String code) {
        if (!cfg.enableGoogleAuth()) return true;
        int window = Totp.windowSteps(cfg.downloadTokenExpire());
        for (String scene : scenes) {
            String secret = cfg.scenes().getOrDefault(scene, "");
            if (!secret.isEmpty() && !Totp.verify(secret, code, nowSeconds(), window)) return false;
        }
        return true;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
