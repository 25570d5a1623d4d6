package io.jfastdfs.multipart;

import java.io.IOException;

/** Malformed, truncated or over-limit multipart input; the message is safe to show the client. */
public class MultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    public MultipartException(String message) {
        super(message);
    }
}
