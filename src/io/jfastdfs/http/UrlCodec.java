package io.jfastdfs.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Percent-decoding and -encoding as URLs and forms need them, UTF-8 throughout. */
public final class UrlCodec {
    private static final String HEX = "0123456789ABCDEF";

    private UrlCodec() {}

    /**
     * Decodes %XX escapes as UTF-8 ({@code plusIsSpace} for form values). Characters above 0x7F in
     * the input are taken as raw request bytes (the JDK server reads the request line as Latin-1),
     * so raw UTF-8 sent by curl decodes like its percent-encoded form. A malformed escape is kept as
     * text.
     */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0) && isAscii(s)) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x100) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parses a query string or urlencoded body; only the first value of a name is kept. */
    public static void parseForm(String s, Map<String, String> into) {
        if (s == null || s.isEmpty()) return;
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            into.putIfAbsent(k, v);
        }
    }

    /** Escapes everything outside RFC 3986 unreserved (query values, names). */
    public static String encodeComponent(String s) {
        return encode(s, "-._~");
    }

    /** Escapes a path segment: keeps RFC 3986 pchar (unreserved, sub-delims, ':' and '@'). */
    public static String encodePathSegment(String s) {
        return encode(s, "-._~!$&'()*+,;=:@");
    }

    /** Escapes each segment of a slash-separated path. */
    public static String encodePath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            sb.append(encodePathSegment(slash < 0 ? path.substring(start) : path.substring(start, slash)));
            if (slash < 0) return sb.toString();
            sb.append('/');
            start = slash + 1;
        }
    }

    private static String encode(String s, String safe) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || (b < 0x80 && safe.indexOf(b) >= 0);
            if (keep && sb == null) continue;
            if (sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                for (int j = 0; j < i; j++) sb.append((char) bytes[j]);
            }
            if (keep) sb.append((char) b);
            else sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15));
        }
        return sb == null ? s : sb.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }
}
