package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/** Builds multipart/form-data bodies laid out as browsers and curl send them. */
final class FormBody {
    static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    FormBody() {
        this(BOUNDARY);
    }

    FormBody(String boundary) {
        this.boundary = boundary;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    FormBody raw(String s) {
        return raw(s.getBytes(UTF_8));
    }

    FormBody raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    FormBody field(String name, String value) {
        return part(value.getBytes(UTF_8), "Content-Disposition: form-data; name=\"" + name + "\"");
    }

    FormBody file(String name, String filename, byte[] content) {
        return part(content, "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"",
                "Content-Type: application/octet-stream");
    }

    /** One part: its delimiter line, the given header lines, a blank line, the body and its line break. */
    FormBody part(byte[] body, String... headers) {
        raw("--" + boundary + "\r\n");
        for (String h : headers) raw(h + "\r\n");
        return raw("\r\n").raw(body).raw("\r\n");
    }

    /** Appends the closing delimiter and returns the whole body. */
    byte[] close() {
        return raw("--" + boundary + "--\r\n").bytes();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
