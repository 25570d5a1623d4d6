package io.jfastdfs.http;

/**
 * A single byte range of a Range header (RFC 9110 §14): "bytes=a-b", "bytes=a-", "bytes=-n".
 * Several ranges, other units or garbage are ignored (the full body is sent), as the RFC allows.
 */
public record ByteRange(long start, long end) {

    /** Result of parsing: NONE (serve everything), UNSATISFIABLE (416), or a range. */
    public static final ByteRange NONE = new ByteRange(-1, -1);
    public static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    public long length() {
        return end - start + 1;
    }

    public static ByteRange parse(String header, long size) {
        if (header == null || header.isEmpty()) return NONE;
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return NONE;
        String spec = h.substring(6).trim();
        if (spec.contains(",")) return NONE;
        int dash = spec.indexOf('-');
        if (dash < 0) return NONE;
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (!digits(a) || !digits(b)) return NONE; // "bytes=--1", "+5": not a range at all
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) return NONE;
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) return UNSATISFIABLE;
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long start = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < start) return NONE;
            if (start >= size) return UNSATISFIABLE;
            return new ByteRange(start, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
