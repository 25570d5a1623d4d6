package io.jfastdfs.http;

import io.jfastdfs.config.Config;

import java.util.Map;

/**
 * CORS headers of API.md §1.6 and §2.18. Public routes reflect an allowed Origin (with
 * credentials) or send "*" (without); admin routes answer only Origins listed explicitly, so a page
 * in an admin's browser cannot drive delete or reload.
 */
public final class Cors {
    public enum Flavour { PUBLIC, ADMIN, TUS }

    static final String ALLOW_HEADERS = "Authorization, Content-Type, Depth, User-Agent, X-File-Size, "
            + "X-Requested-With, X-Requested-By, If-Modified-Since, X-File-Name, X-File-Type, Cache-Control, "
            + "Origin, Auth-Token";
    static final String ALLOW_METHODS = "GET, POST, OPTIONS, PUT, DELETE";
    static final String TUS_ALLOW_HEADERS = ALLOW_HEADERS + ", Upload-Length, Upload-Offset, Tus-Resumable, "
            + "Upload-Metadata, Upload-Defer-Length, Upload-Concat, X-HTTP-Method-Override, Upload-Checksum";
    static final String TUS_ALLOW_METHODS = "POST, GET, HEAD, PATCH, DELETE, OPTIONS";
    static final String TUS_EXPOSE = "Upload-Offset, Location, Upload-Length, Tus-Version, Tus-Resumable, "
            + "Tus-Max-Size, Tus-Extension, Upload-Metadata, Upload-Defer-Length, Upload-Concat, Authorization";

    private Cors() {}

    /** Adds the CORS headers this request gets to {@code headers}. */
    public static void apply(Config cfg, Flavour flavour, String origin, boolean preflight, Map<String, String> headers) {
        if (!cfg.enableCrossOrigin()) return;
        boolean hasOrigin = origin != null && !origin.isEmpty();
        boolean listed = hasOrigin && cfg.corsAllowOrigins().contains(origin);
        if (flavour == Flavour.ADMIN) {
            if (!listed) return;
        } else if (hasOrigin && !listed && !cfg.corsAllowOrigins().contains("*")) {
            return;
        }
        if (hasOrigin) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Credentials", "true");
            headers.put("Vary", "Origin");
        } else {
            headers.put("Access-Control-Allow-Origin", "*");
        }
        boolean tus = flavour == Flavour.TUS;
        headers.put("Access-Control-Allow-Headers", tus ? TUS_ALLOW_HEADERS : ALLOW_HEADERS);
        headers.put("Access-Control-Allow-Methods", tus ? TUS_ALLOW_METHODS : ALLOW_METHODS);
        headers.put("Access-Control-Expose-Headers", tus ? TUS_EXPOSE : "Authorization");
        if (preflight) headers.put("Access-Control-Max-Age", "86400");
    }
}
