package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.UploadPlan;
import io.jfastdfs.service.UploadRequest;
import io.jfastdfs.service.Uploads;
import io.jfastdfs.store.FileStore;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {G}/upload: multipart uploads (API.md §2.1) and second pass by digest (§2.2). */
public final class UploadHandler implements Handler {
    static final String MD5_REQUIRED = "(error) if you want to upload fast md5 is require,"
            + "and if you want to upload file,you must use post method  ";

    private final Settings settings;
    private final Uploads uploads;
    private final FileStore store;
    private final UploadGuard guard;

    public UploadHandler(Settings settings, Uploads uploads, FileStore store, UploadGuard guard) {
        this.settings = settings;
        this.uploads = uploads;
        this.store = store;
        this.guard = guard;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        boolean multipart = req.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        if (!req.method().equals("POST") || !multipart) return secondPass(req);
        return uploads.receiving(() -> upload(req));
    }

    private Reply upload(Request req) throws IOException {
        Config cfg = settings.get();
        guard.beforeBody(req);
        uploads.checkWritable();
        MultipartUpload.Body body = MultipartUpload.read(req, store, cfg.fileSumArithmetic(), cfg.maxUploadSize());
        try {
            String output = output(req);
            String scene = req.hasParam("scene") ? req.param("scene") : req.param("scenes");
            guard.withFields(req, scene.isEmpty() ? cfg.defaultScene() : scene);
            UploadPlan plan = uploads.plan(new UploadRequest(body.clientName(), scene, req.param("path"),
                    req.param("filename"), req.param("md5"), false, List.of()));
            FileRecord stored;
            try {
                stored = uploads.store(body.file(), plan).record();
            } catch (IOException e) { // the bytes are all here: a failure now is the server's (§2.1 #10, #14)
                if (FileStore.diskFull(e)) throw ApiError.real(507, "(error)disk full");
                throw ApiError.fault("(error)fail," + reason(e), e);
            }
            return render(cfg, req, output, stored);
        } finally {
            body.file().discard();
        }
    }

    /** An I/O failure's reason as the reply states it: without the base directory (this endpoint is public). */
    private String reason(IOException e) {
        return (e.getClass().getSimpleName() + ": " + e.getMessage()).replace(store.base() + File.separator, "");
    }

    private Reply secondPass(Request req) {
        guard.beforeBody(req);
        String md5 = req.param("md5");
        if (md5.isEmpty()) {
            if (req.method().equals("POST")) throw ApiError.fail(400, "request Content-Type isn't multipart/form-data");
            throw ApiError.fail(400, MD5_REQUIRED);
        }
        String output = req.param("output");
        Optional<FileRecord> rec = uploads.liveRecord(md5);
        Config cfg = settings.get();
        if (rec.isEmpty()) {
            return switch (output) {
                case "json" -> Reply.compact(FileResult.empty()).strictStatus(404);
                case "json2" -> Reply.envelope("fail", "", null).strictStatus(404);
                default -> Reply.empty(200).strictStatus(404);
            };
        }
        if (output.equals("json")) return Reply.compact(FileResult.of(cfg, req, rec.get()));
        return render(cfg, req, output, rec.get());
    }

    private static String output(Request req) {
        String o = req.param("output");
        if (o.isEmpty()) return "text";
        if (!o.equals("json") && !o.equals("text") && !o.equals("json2")) {
            throw ApiError.fail(400, "output just support json or text or json2");
        }
        return o;
    }

    private static Reply render(Config cfg, Request req, String output, FileRecord r) {
        var result = FileResult.of(cfg, req, r);
        return switch (output) {
            case "json" -> Reply.pretty(result);
            case "json2" -> Reply.ok(result);
            default -> Reply.text((String) result.get("url"));
        };
    }
}
