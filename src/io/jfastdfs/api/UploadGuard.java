package io.jfastdfs.api;

import io.jfastdfs.http.Request;

/**
 * Access checks on uploads that depend on configuration outside the upload itself (auth_url,
 * Google codes). They throw ApiError to refuse.
 */
public interface UploadGuard {
    UploadGuard NONE = new UploadGuard() {
        @Override
        public void beforeBody(Request r) {}

        @Override
        public void withFields(Request r, String scene) {}
    };

    /** Before any body byte is read (auth_url: headers and query only). */
    void beforeBody(Request r);

    /** Once every form field is known (Google code for the effective scene). */
    void withFields(Request r, String scene);
}
