package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.http.UrlCodec;

/**
 * Inline or attachment (API.md §2.3): {@code download} empty → default_download, "0" → inline,
 * anything else → attachment with an RFC 6266/5987 Content-Disposition that is safe for any name.
 */
final class Disposition {
    /** The Content-Type of every attachment. */
    static final String ATTACHMENT_TYPE = "application/octet-stream";

    private Disposition() {}

    static boolean inline(Config cfg, Request req) {
        String d = req.param("download");
        return d.isEmpty() ? !cfg.defaultDownload() : d.equals("0");
    }

    static Reply apply(Config cfg, Request req, Reply r) {
        return apply(cfg, req, r, req.param("name"));
    }

    /** As {@link #apply(Config, Request, Reply)} with {@code name} for the {@code name} parameter. */
    static Reply apply(Config cfg, Request req, Reply r, String name) {
        if (inline(cfg, req)) return r;
        r.header("Content-Type", ATTACHMENT_TYPE);
        r.header("Content-Disposition", name.isEmpty() ? "attachment" : header(name));
        return r;
    }

    /** go-fastdfs's "attachment;filename=x" for plain ASCII; a fallback plus filename* otherwise. */
    static String header(String name) {
        boolean plain = true;
        StringBuilder fallback = new StringBuilder(name.length());
        for (int c : name.codePoints().toArray()) { // one '_' per character, emoji included
            boolean printable = c >= 0x20 && c < 0x7f;
            if (!printable || c == '"' || c == '\\' || c == ';' || c == ',') plain = false;
            fallback.append(printable && c != '"' && c != '\\' ? (char) c : '_');
        }
        if (plain) return "attachment;filename=" + name;
        return "attachment;filename=\"" + fallback + "\";filename*=UTF-8''" + UrlCodec.encodeComponent(name);
    }
}
