package io.jfastdfs.http;

/**
 * The one way a handler refuses a request: the status in default mode, the status under
 * {@code strict_http_status}, the message and the body shape. Turned into an answer by the
 * Dispatcher; never logged with a stack trace.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the message is put in the body. */
    public enum Shape { ENVELOPE, TEXT, EMPTY }

    private final int status;
    private final int strictStatus;
    private final Shape shape;

    public ApiError(int status, int strictStatus, Shape shape, String message) {
        super(message, null, false, false);
        this.status = status;
        this.strictStatus = strictStatus;
        this.shape = shape;
    }

    /** A go-fastdfs "fail" envelope: HTTP 200, or {@code strictStatus} in strict mode. */
    public static ApiError fail(int strictStatus, String message) {
        return new ApiError(200, strictStatus, Shape.ENVELOPE, message);
    }

    /** A condition go-fastdfs never reports: a real status code always, envelope body. */
    public static ApiError real(int status, String message) {
        return new ApiError(status, status, Shape.ENVELOPE, message);
    }

    public static ApiError empty(int status) {
        return new ApiError(status, status, Shape.EMPTY, "");
    }

    public static ApiError text(int status, int strictStatus, String message) {
        return new ApiError(status, strictStatus, Shape.TEXT, message);
    }

    public int status(boolean strict) {
        return strict ? strictStatus : status;
    }

    public Shape shape() {
        return shape;
    }
}
