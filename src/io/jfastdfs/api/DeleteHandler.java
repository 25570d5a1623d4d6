package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.FileService;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BiConsumer;

/** {G}/delete?md5=…|path=… (API.md §2.7); unless inner=1 the delete reaches every peer. */
public final class DeleteHandler implements Handler {
    private final FileService files;
    private final RequestCheck authUrl;
    private final BiConsumer<String, Optional<FileRecord>> propagate;

    /** {@code propagate} gets the key and what was removed here (peers may hold it even when nothing was). */
    public DeleteHandler(FileService files, RequestCheck authUrl, BiConsumer<String, Optional<FileRecord>> propagate) {
        this.files = files;
        this.authUrl = authUrl;
        this.propagate = propagate;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        authUrl.check(req);
        String md5 = req.param("md5").trim();
        if (!md5.isEmpty() && md5.length() < 32) throw ApiError.fail(400, "md5 unvalid");
        String key = FileInfoHandler.keyOf(files, req);
        if (key.isEmpty()) throw ApiError.fail(400, "md5 unvalid");
        Optional<FileRecord> removed;
        try {
            removed = files.delete(key);
        } catch (IOException e) {
            throw ApiError.fault(String.valueOf(e.getMessage()), e);
        }
        if (!req.param("inner").equals("1")) propagate.accept(key, removed);
        if (removed.isEmpty()) throw ApiError.fail(404, FileInfoHandler.NOT_FOUND);
        return Reply.okMessage("remove success");
    }
}
