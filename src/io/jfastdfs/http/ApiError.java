package io.jfastdfs.http;

/**
 * The one way a handler refuses a request: the status in default mode, the status under
 * {@code strict_http_status}, the message and the body shape. Turned into an answer by the
 * Dispatcher; a client's mistake is never logged, a server fault ({@link #fault}) is, with its cause.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the message is put in the body. */
    public enum Shape { ENVELOPE, TEXT, EMPTY }

    private final int status;
    private final int strictStatus;
    private final Shape shape;

    public ApiError(int status, int strictStatus, Shape shape, String message) {
        this(status, strictStatus, shape, message, null);
    }

    private ApiError(int status, int strictStatus, Shape shape, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.strictStatus = strictStatus;
        this.shape = shape;
    }

    /** A go-fastdfs "fail" envelope: HTTP 200, or {@code strictStatus} in strict mode. */
    public static ApiError fail(int strictStatus, String message) {
        return new ApiError(200, strictStatus, Shape.ENVELOPE, message);
    }

    /** A server fault answered as a "fail" envelope (HTTP 200, 500 when strict); the Dispatcher logs {@code cause}. */
    public static ApiError fault(String message, Throwable cause) {
        return new ApiError(200, 500, Shape.ENVELOPE, message, cause);
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
