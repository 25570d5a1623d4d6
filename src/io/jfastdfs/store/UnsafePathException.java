package io.jfastdfs.store;

/** A client-supplied path or name that could leave the store or is not a plain name. */
public final class UnsafePathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsafePathException(String reason) {
        super(reason);
    }
}
