package io.jfastdfs.api;

import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.service.FileService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {G}/check_file_exist and {G}/check_files_exist (API.md §2.9): compact JSON. Lookups never modify
 * the index, and {@code path} is only a path key inside files/, never a filesystem probe.
 */
public final class ExistHandler {
    private final FileService files;

    public ExistHandler(FileService files) {
        this.files = files;
    }

    public Reply one(Request req) {
        Optional<FileRecord> r = files.findPresent(req.param("md5").trim());
        if (r.isEmpty() && !req.param("path").isBlank()) r = files.findPresent(files.pathKey(req.param("path")));
        return r.map(Reply::compact).orElseGet(() -> Reply.compact(FileRecord.emptyJson()).strictStatus(404));
    }

    public Reply many(Request req) {
        List<Object> found = new ArrayList<>();
        for (String md5 : req.param("md5s").split(",")) {
            files.findPresent(md5.trim()).ifPresent(found::add);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", "");
        m.put("status", "");
        m.put("data", found.isEmpty() ? null : found);
        return Reply.compact(m);
    }
}
