package io.jfastdfs.tus;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.Served;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** tus requests as a client sends them, for tests against a real server. */
final class TusRequests {
    static final String RESUMABLE = "1.0.0";
    static final String OFFSET_STREAM = "application/offset+octet-stream";

    private TusRequests() {}

    /** Upload-Metadata for {@code kv} pairs (key, value, key, value, …), values base64 of UTF-8. */
    /** The tus endpoint of {@code server}: {G}/big/upload/. */
    static String endpoint(Served server) {
        return server.url() + "/big/upload/";
    }

    static String metadata(String... kv) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            pairs.add(kv[i] + " " + Base64.getEncoder().encodeToString(kv[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(",", pairs);
    }

    /** POST to the creation URL with Tus-Resumable and the given header pairs. */
    static Http.Resp create(String endpoint, String... headers) throws IOException, InterruptedException {
        return Http.send(builder(endpoint, headers).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates an upload of {@code length} bytes with metadata pairs; returns its absolute URL. */
    static String created(String endpoint, long length, String... metadataKv) throws IOException, InterruptedException {
        Http.Resp r = metadataKv.length == 0 ? create(endpoint, "Upload-Length", Long.toString(length))
                : create(endpoint, "Upload-Length", Long.toString(length), "Upload-Metadata", metadata(metadataKv));
        if (r.status() != 201) throw new AssertionError("creation answered " + r.status() + ": " + r.text());
        return r.header("Location");
    }

    /** PATCH {@code data[from, to)} at offset {@code from}. */
    static Http.Resp patch(String url, byte[] data, int from, int to, String... headers)
            throws IOException, InterruptedException {
        List<String> h = new ArrayList<>(List.of("Upload-Offset", Integer.toString(from), "Content-Type", OFFSET_STREAM));
        h.addAll(List.of(headers));
        return Http.send(builder(url, h.toArray(String[]::new))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data, from, to - from)));
    }

    static Http.Resp head(String url) throws IOException, InterruptedException {
        return Http.send(builder(url).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    static Http.Resp delete(String url) throws IOException, InterruptedException {
        return Http.send(builder(url).DELETE());
    }

    /** Uploads all of {@code data} in chunks of {@code chunk} bytes; returns the last PATCH reply. */
    static Http.Resp upload(String url, byte[] data, int chunk) throws IOException, InterruptedException {
        Http.Resp last = null;
        for (int off = 0; off < data.length; off += chunk) {
            last = patch(url, data, off, Math.min(data.length, off + chunk));
            if (last.status() != 204) throw new AssertionError("PATCH at " + off + " answered " + last.status() + ": " + last.text());
        }
        return last;
    }

    static HttpRequest.Builder builder(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", RESUMABLE);
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    /**
     * Starts a PATCH on a raw socket announcing {@code contentLength} bytes but sending only
     * {@code send} of them; the socket stays open until the caller closes it.
     */
    static Socket startPatch(int port, String path, long offset, long contentLength, byte[] send, String... headerLines)
            throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream o = s.getOutputStream();
        StringBuilder head = new StringBuilder("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nTus-Resumable: 1.0.0\r\nContent-Type: " + OFFSET_STREAM + "\r\nUpload-Offset: " + offset
                + "\r\nContent-Length: " + contentLength + "\r\n");
        for (String h : headerLines) head.append(h).append("\r\n");
        o.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        o.write(send);
        o.flush();
        return s;
    }

    /**
     * Waits until the upload's data file holds more than {@code bytes}: a PATCH started on a raw socket
     * is then past the lock and streaming (polling with PATCHes before that races it for the lock).
     */
    static void awaitDataBeyond(java.nio.file.Path serverDir, String url, long bytes) throws Exception {
        java.nio.file.Path bin = serverDir.resolve("files/_big/1/" + url.substring(url.lastIndexOf('/') + 1) + ".bin");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(java.nio.file.Files.exists(bin) && java.nio.file.Files.size(bin) > bytes)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the PATCH never wrote past " + bytes);
            Thread.sleep(20);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static String sha1(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    static String base64Digest(String algorithm, byte[] data, int from, int to) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        md.update(data, from, to - from);
        return Base64.getEncoder().encodeToString(md.digest());
    }

    /** The path part of an absolute URL. */
    static String pathOf(String url) {
        return URI.create(url).getRawPath();
    }

    /** Form fields of an urlencoded body. */
    static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            m.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
