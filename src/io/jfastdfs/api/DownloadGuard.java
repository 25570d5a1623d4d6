package io.jfastdfs.api;

import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;

import java.util.Optional;
import java.util.function.Supplier;

/** Download authorisation of API.md §2.4 (auth_url, token, Google code); throws ApiError to refuse. */
public interface DownloadGuard {
    /**
     * {@code rel} is the path below the group prefix, e.g. "default/20261124/23/23/1/a.txt";
     * {@code record} yields its index record, looked up once, on first use (the download itself
     * needs it too, for the ETag).
     */
    void check(Request r, String rel, Supplier<Optional<FileRecord>> record);

    /** As {@link #check(Request, String, Supplier)} for a caller that does not look the record up itself. */
    void check(Request r, String rel);
}
