package io.jfastdfs.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Content-Type by file extension for inline downloads. */
public final class ContentTypes {
    private static final Map<String, String> BY_EXT = Map.ofEntries(
            Map.entry(".txt", "text/plain; charset=utf-8"), Map.entry(".log", "text/plain; charset=utf-8"),
            Map.entry(".html", "text/html; charset=utf-8"), Map.entry(".htm", "text/html; charset=utf-8"),
            Map.entry(".css", "text/css; charset=utf-8"), Map.entry(".js", "text/javascript; charset=utf-8"),
            Map.entry(".mjs", "text/javascript; charset=utf-8"), Map.entry(".json", "application/json"),
            Map.entry(".xml", "text/xml; charset=utf-8"), Map.entry(".csv", "text/csv; charset=utf-8"),
            Map.entry(".md", "text/markdown; charset=utf-8"), Map.entry(".jpg", "image/jpeg"),
            Map.entry(".jpeg", "image/jpeg"), Map.entry(".png", "image/png"), Map.entry(".gif", "image/gif"),
            Map.entry(".webp", "image/webp"), Map.entry(".svg", "image/svg+xml"), Map.entry(".ico", "image/x-icon"),
            Map.entry(".bmp", "image/bmp"), Map.entry(".avif", "image/avif"), Map.entry(".pdf", "application/pdf"),
            Map.entry(".zip", "application/zip"), Map.entry(".gz", "application/gzip"),
            Map.entry(".tar", "application/x-tar"), Map.entry(".7z", "application/x-7z-compressed"),
            Map.entry(".mp4", "video/mp4"), Map.entry(".webm", "video/webm"), Map.entry(".mp3", "audio/mpeg"),
            Map.entry(".wav", "audio/wav"), Map.entry(".ogg", "audio/ogg"), Map.entry(".wasm", "application/wasm"),
            Map.entry(".woff", "font/woff"), Map.entry(".woff2", "font/woff2"), Map.entry(".apk",
                    "application/vnd.android.package-archive"), Map.entry(".doc", "application/msword"),
            Map.entry(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry(".xls", "application/vnd.ms-excel"),
            Map.entry(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private ContentTypes() {}

    /** The type for a name, or sniffed from the first bytes when the extension is unknown. */
    public static String of(String name, byte[] head, int headLen) {
        String t = byExtension(name);
        return t != null ? t : sniff(head, headLen);
    }

    /**
     * The type of {@code size} bytes at {@code offset} of {@code file} named {@code name}: by the
     * extension, else sniffed from the first 512 bytes, which are read only then.
     */
    public static String of(String name, Path file, long offset, long size) throws IOException {
        String t = byExtension(name);
        if (t != null) return t;
        byte[] head = new byte[512];
        return sniff(head, FileReply.head(file, offset, size, head));
    }

    private static String byExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXT.get(name.substring(dot).toLowerCase(Locale.ROOT));
    }

    private static String sniff(byte[] b, int n) {
        if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "image/png";
        if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return "image/jpeg";
        if (n >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "image/gif";
        if (n >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') return "application/pdf";
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) return "application/octet-stream";
        }
        return "text/plain; charset=utf-8";
    }
}
