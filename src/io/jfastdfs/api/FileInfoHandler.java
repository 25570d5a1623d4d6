package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.service.FileService;

/** {G}/get_file_info?md5=…|path=… (API.md §2.8). */
public final class FileInfoHandler implements Handler {
    static final String NOT_FOUND = "leveldb: not found";

    private final FileService files;

    public FileInfoHandler(FileService files) {
        this.files = files;
    }

    @Override
    public Reply handle(Request req) {
        String key = keyOf(files, req);
        return files.find(key).map(Reply::ok).orElseThrow(() -> ApiError.fail(404, NOT_FOUND));
    }

    /** md5 when given, else the path key of {@code path}; "" when neither. */
    static String keyOf(FileService files, Request req) {
        String md5 = req.param("md5").trim();
        if (!md5.isEmpty()) return md5;
        String path = req.param("path").trim();
        return path.isEmpty() ? "" : files.pathKey(path);
    }
}
