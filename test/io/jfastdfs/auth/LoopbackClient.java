package io.jfastdfs.auth;

import io.jfastdfs.testkit.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP from a chosen loopback source address (Linux routes all of 127/8 to lo), so a test can be a
 * non-admin client such as 127.0.0.9 of a node that considers 127.0.0.1 admin.
 */
final class LoopbackClient {
    private final HttpClient client;

    LoopbackClient(String sourceIp) {
        try {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName(sourceIp)).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    Http.Resp get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    Http.Resp head(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** Multipart upload: {@code fields} first, then the file part. */
    Http.Resp upload(String url, String fileName, byte[] content, Map<String, String> fields, String... headers)
            throws IOException, InterruptedException {
        Http.Multipart m = new Http.Multipart();
        fields.forEach(m::field);
        m.file("file", fileName, content);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body()));
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    Http.Resp send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v));
        return new Http.Resp(r.statusCode(), h, r.body());
    }
}
