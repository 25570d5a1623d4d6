package io.jfastdfs.tus;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Reply;

/**
 * The tus error replies (API.md §2.18): real status codes in every mode, plain-text bodies ending in
 * a newline. The texts of tusd that go-fastdfs clients may match on are kept verbatim.
 */
enum TusError {
    UNSUPPORTED_VERSION(412, "unsupported version"),
    INVALID_LENGTH(400, "missing or invalid Upload-Length header"),
    INVALID_DEFER_LENGTH(400, "invalid Upload-Defer-Length header"),
    INVALID_OFFSET(400, "missing or invalid Upload-Offset header"),
    INVALID_CONTENT_TYPE(415, "missing or invalid Content-Type header"),
    INVALID_METADATA(400, "invalid Upload-Metadata header"),
    INVALID_CONCAT(400, "invalid Upload-Concat header"),
    INVALID_CHECKSUM(400, "invalid Upload-Checksum header"),
    UNSUPPORTED_CHECKSUM(400, "unsupported checksum algorithm"),
    PARTIAL_UNFINISHED(400, "one of the partial uploads is not finished"),
    EMPTY(400, "file size is zero"),
    NOT_FOUND(404, "upload not found"),
    MISMATCHED_OFFSET(409, "mismatched offset"),
    LOCKED(423, "file currently locked"),
    SIZE_EXCEEDED(413, "resource's size exceeded"),
    MAX_SIZE_EXCEEDED(413, "maximum size exceeded"),
    MODIFY_FINAL(403, "modifying a final upload is not allowed"),
    READ_ONLY(403, "(error) readonly"),
    EXTENSION_MISMATCH(403, "(error)file extension mismatch"),
    CHECKSUM_MISMATCH(460, "checksum mismatch"),
    DISK_FULL(507, "(error)disk full");

    private final int status;
    private final String text;

    TusError(int status, String text) {
        this.status = status;
        this.text = text;
    }

    ApiError error() {
        return of(status, text);
    }

    /** The refusal as a reply, for callers that add headers (412 carries Tus-Version). */
    Reply reply() {
        return Reply.text(status, text + "\n");
    }

    /** Any other tus refusal: {@code text} plus the newline. */
    static ApiError of(int status, String text) {
        return ApiError.text(status, status, text + "\n");
    }
}
