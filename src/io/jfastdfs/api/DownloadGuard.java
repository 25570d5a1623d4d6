package io.jfastdfs.api;

import io.jfastdfs.http.Request;

/** Download authorisation of API.md §2.4 (auth_url, token, Google code); throws ApiError to refuse. */
public interface DownloadGuard {
    DownloadGuard NONE = (r, rel) -> { };

    /** {@code rel} is the path below the group prefix, e.g. "default/20261124/23/23/1/a.txt". */
    void check(Request r, String rel);
}
