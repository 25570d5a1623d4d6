package io.jfastdfs.tus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Upload-Concat (concatenation extension): "partial" for a piece, "final;<url> <url> …" for the
 * upload made of the listed pieces in order. URLs may be absolute or relative; each must name an
 * upload of this endpoint.
 */
record UploadConcat(String raw, boolean partial, List<String> partIds) {
    static final String PARTIAL = "partial";
    static final String FINAL = "final;";
    static final UploadConcat NONE = new UploadConcat("", false, List.of());

    static UploadConcat parse(String header) {
        String raw = header.trim();
        if (raw.isEmpty()) return NONE;
        if (raw.equals(PARTIAL)) return new UploadConcat(raw, true, List.of());
        if (!raw.startsWith(FINAL)) throw TusError.INVALID_CONCAT.error();
        List<String> ids = new ArrayList<>();
        for (String url : raw.substring(FINAL.length()).trim().split(" +")) {
            if (!url.isEmpty()) ids.add(idOf(url));
        }
        if (ids.isEmpty()) throw TusError.INVALID_CONCAT.error();
        return new UploadConcat(raw, false, List.copyOf(ids));
    }

    boolean isFinal() {
        return !partIds.isEmpty();
    }

    private static String idOf(String url) {
        String path;
        try {
            path = new URI(url).getPath();
        } catch (URISyntaxException e) {
            throw TusError.INVALID_CONCAT.error();
        }
        if (path == null) throw TusError.INVALID_CONCAT.error();
        int slash = path.lastIndexOf('/');
        String id = path.substring(slash + 1);
        if (!path.substring(0, slash + 1).endsWith("big/upload/") || !TusIds.valid(id)) {
            throw TusError.INVALID_CONCAT.error();
        }
        return id;
    }
}
