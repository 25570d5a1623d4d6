package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.ContentTypes;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The upload page, the report page and static assets (API.md §2.17). */
public final class PageHandler {
    private final Settings settings;
    private final WebAssets assets;

    public PageHandler(Settings settings, java.nio.file.Path baseDir) {
        this.settings = settings;
        this.assets = new WebAssets(baseDir);
    }

    public Reply upload(Request req) throws IOException {
        Config cfg = settings.get();
        if (!cfg.enableWebUpload()) return Reply.text("web upload deny").strictStatus(403);
        return page(cfg, "upload.html");
    }

    public Reply report(Request req) throws IOException {
        return page(settings.get(), "report.html");
    }

    public Reply asset(Request req) throws IOException {
        String path = req.path();
        String name = path.substring(path.indexOf("/static/") + "/static/".length());
        byte[] body = assets.read(name).orElseThrow(() -> ApiError.empty(404));
        return Reply.bytes(200, ContentTypes.of(name, body, Math.min(body.length, 512)), body)
                .header("Cache-Control", "max-age=3600");
    }

    private Reply page(Config cfg, String name) throws IOException {
        byte[] raw = assets.read(name).orElseThrow(() -> ApiError.text(200, 404, "static/" + name + " is not found"));
        String html = new String(raw, StandardCharsets.UTF_8)
                .replace("{G}", cfg.groupPrefix())
                .replace("{default_scene}", escape(cfg.defaultScene()));
        return Reply.html(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
