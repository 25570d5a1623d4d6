package io.jfastdfs.index;

import java.io.Serial;

/** Any failure of the index (SQL error, closed database), unchecked so callers above SQL stay clean. */
public final class IndexException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
