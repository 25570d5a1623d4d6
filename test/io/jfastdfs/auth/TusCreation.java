package io.jfastdfs.auth;

import io.jfastdfs.testkit.Http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A tus creation request (API.md §2.18) for a 5-byte upload with Upload-Metadata pairs. */
final class TusCreation {
    private TusCreation() {}

    /** POSTs to {@code groupUrl}/big/upload/ with metadata {@code key, value, key, value, …}. */
    static Http.Resp post(String groupUrl, String... metadataKv) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < metadataKv.length; i += 2) {
            if (md.length() > 0) md.append(',');
            md.append(metadataKv[i]).append(' ')
                    .append(Base64.getEncoder().encodeToString(metadataKv[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(groupUrl + "/big/upload/"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", "5")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (md.length() > 0) b.header("Upload-Metadata", md.toString());
        return Http.send(b);
    }
}
