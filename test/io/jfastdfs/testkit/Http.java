package io.jfastdfs.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for tests: real requests against a real server. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    /** A response: status, headers (lower-case names), body. */
    public record Resp(int status, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    public static Resp get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static Resp get(String url, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).headers(headers).GET());
    }

    public static Resp head(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    public static Resp method(String method, String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    /** POST application/x-www-form-urlencoded. */
    public static Resp postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodeForm(form))));
    }

    /** POST multipart/form-data with text fields first, then one file part. */
    public static Resp upload(String url, String fileName, byte[] content, Map<String, String> fields)
            throws IOException, InterruptedException {
        Multipart m = new Multipart();
        fields.forEach(m::field);
        m.file("file", fileName, content);
        return m.post(url);
    }

    public static Resp upload(String url, String fileName, byte[] content) throws IOException, InterruptedException {
        return upload(url, fileName, content, Map.of());
    }

    public static String encodeForm(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) sb.append('&');
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    public static Resp send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = CLIENT.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v));
        return new Resp(r.statusCode(), h, r.body());
    }

    /** Builds a multipart body in order; parts are written exactly as added. */
    public static final class Multipart {
        private final String boundary = "----jfastdfs" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        public Multipart file(String name, String fileName, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        /** The finished body (closing boundary added). */
        public byte[] body() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        public Resp post(String url) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body())));
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends raw bytes on a socket and returns everything the server answers until it closes or
     * {@code timeoutMillis} pass (for malformed requests no client library would send).
     */
    public static String raw(String host, int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(timeoutMillis);
            OutputStream o = s.getOutputStream();
            try {
                o.write(request);
                o.flush();
            } catch (java.net.SocketException e) {
                return ""; // the server closed the connection before taking the whole request
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // the answer so far is what we test
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
