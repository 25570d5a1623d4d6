package io.jfastdfs.api;

import io.jfastdfs.http.Request;

/** A precondition on a request (e.g. auth_url for delete); throws ApiError to refuse. */
@FunctionalInterface
public interface RequestCheck {
    void check(Request r);
}
