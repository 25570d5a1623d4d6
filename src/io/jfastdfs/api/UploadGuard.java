package io.jfastdfs.api;

import io.jfastdfs.http.Request;

import java.util.Map;

/**
 * Access checks on uploads that depend on configuration outside the upload itself (auth_url,
 * Google codes). They throw ApiError to refuse.
 */
public interface UploadGuard {
    /** Before any body byte is read (auth_url: headers and query only). */
    void beforeBody(Request r);

    /** Once every form field is known (Google code for the effective scene). */
    void withFields(Request r, String scene);

    /**
     * At tus creation, before the upload exists (API.md §2.18): auth_url with metadata {@code auth_token},
     * Google code from metadata {@code code} for the metadata {@code scene}. Refusals are plain-text tus replies.
     */
    default void tusCreation(Request r, Map<String, String> metadata) {}
}
