package io.jfastdfs.api;

import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;

import java.util.List;

/** {G}/search?kw=… (API.md §2.11): names containing kw, newest first, at most 100. */
public final class SearchHandler implements Handler {
    private final FileIndex index;

    public SearchHandler(FileIndex index) {
        this.index = index;
    }

    @Override
    public Reply handle(Request req) {
        List<FileRecord> found = index.search(req.param("kw"), 100);
        return Reply.ok(found.isEmpty() ? null : found);
    }
}
