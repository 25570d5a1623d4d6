package io.jfastdfs.tus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upload-Metadata: comma-separated "key base64(value)" pairs (the value and its space may be left
 * out). The header is kept as sent, for HEAD to echo; values are decoded as UTF-8.
 */
record UploadMetadata(String raw, Map<String, String> values) {
    static final UploadMetadata NONE = new UploadMetadata("", Map.of());

    static UploadMetadata parse(String header) {
        String raw = header.trim();
        if (raw.isEmpty()) return NONE;
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split(",", -1)) {
            String p = pair.trim();
            if (p.isEmpty()) continue;
            int sp = p.indexOf(' ');
            String key = sp < 0 ? p : p.substring(0, sp);
            String encoded = sp < 0 ? "" : p.substring(sp + 1).trim();
            try {
                values.putIfAbsent(key, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw TusError.INVALID_METADATA.error();
            }
        }
        return new UploadMetadata(raw, Collections.unmodifiableMap(values));
    }

    /** The value of {@code key}, or "". */
    String get(String key) {
        return values.getOrDefault(key, "");
    }
}
