package io.jfastdfs.http;

import io.jfastdfs.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, headers and a body that is either bytes or a streaming writer.
 * {@code strictStatus} is the status used under {@code strict_http_status} (same as status unless
 * the body is a go-fastdfs "fail" envelope).
 */
public final class Reply {
    public static final String TEXT_TYPE = "text/plain; charset=utf-8";
    public static final String HTML_TYPE = "text/html; charset=utf-8";

    /** Streams a body of a known length. */
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private final int status;
    private int strictStatus;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] bytes;
    private final BodyWriter writer;
    private final long length;

    private Reply(int status, byte[] bytes, BodyWriter writer, long length) {
        this.status = status;
        this.strictStatus = status;
        this.bytes = bytes;
        this.writer = writer;
        this.length = length;
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
        Reply r = new Reply(status, body, null, body.length);
        if (contentType != null) r.header("Content-Type", contentType);
        return r;
    }

    public static Reply text(String body) {
        return bytes(200, TEXT_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply text(int status, String body) {
        return bytes(status, TEXT_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply html(String body) {
        return bytes(200, HTML_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty body with Content-Length: 0 and no Content-Type. */
    public static Reply empty(int status) {
        return new Reply(status, new byte[0], null, 0);
    }

    /** Pretty JSON of any value, served as text/plain like go-fastdfs. */
    public static Reply pretty(Object value) {
        return text(Json.pretty(value));
    }

    public static Reply compact(Object value) {
        return text(Json.compact(value));
    }

    /** The go-fastdfs envelope {data, message, status}. */
    public static Reply envelope(String status, String message, Object data) {
        return pretty(Envelope.of(status, message, data));
    }

    public static Reply ok(Object data) {
        return envelope("ok", "", data);
    }

    public static Reply okMessage(String message) {
        return envelope("ok", message, null);
    }

    public static Reply stream(int status, long length, BodyWriter writer) {
        return new Reply(status, null, writer, length);
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Reply strictStatus(int s) {
        this.strictStatus = s;
        return this;
    }

    public int status(boolean strict) {
        return strict ? strictStatus : status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public long length() {
        return length;
    }

    /** Writes the body; bytes bodies are written in one call. */
    public void writeBody(OutputStream out) throws IOException {
        if (bytes != null) out.write(bytes);
        else if (writer != null) writer.write(out);
    }
}
