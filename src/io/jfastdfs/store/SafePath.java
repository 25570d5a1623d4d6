package io.jfastdfs.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one check every client-supplied path, name and scene passes before anything touches the
 * disk (API.md §1.9, CVE-2023-1800): no "." or ".." segments, no backslash, NUL or control
 * characters, no encoded or double-encoded slashes and dots, nothing absolute, and every resolved
 * path stays inside the store.
 */
public final class SafePath {
    private static final int MAX_NAME_BYTES = 255;

    private SafePath() {}

    /**
     * Checks a request path: {@code rawPath} as sent (for encoded slashes), {@code decoded} after
     * percent-decoding. Returns the decoded path; keeps a trailing slash.
     */
    public static String requestPath(String rawPath, String decoded) {
        if (rawPath == null || !rawPath.startsWith("/")) throw new UnsafePathException("path must start with /");
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw new UnsafePathException("encoded slash, backslash or NUL in path");
        }
        checkPlainText(decoded);
        String body = decoded.substring(1);
        if (body.endsWith("/")) body = body.substring(0, body.length() - 1);
        if (!body.isEmpty()) {
            for (String seg : body.split("/", -1)) checkSegmentShape(seg);
        }
        return decoded;
    }

    /** A single directory name (scene): one plain segment. */
    public static String segment(String value) {
        checkPlainText(value);
        if (value.indexOf('/') >= 0) throw new UnsafePathException("must be a single name, without '/'");
        checkSegmentShape(value);
        return value;
    }

    /**
     * A relative directory path (custom upload path): plain segments joined by '/', a trailing '/'
     * allowed, nothing absolute.
     */
    public static String relative(String value) {
        checkPlainText(value);
        if (value.startsWith("/")) throw new UnsafePathException("must be relative, not start with '/'");
        if (value.matches("^[A-Za-z]:.*")) throw new UnsafePathException("must be relative, not a drive path");
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        for (String seg : v.split("/", -1)) checkSegmentShape(seg);
        return v;
    }

    /**
     * A client's file name (the multipart filename attribute): traversal is refused, a directory
     * part sent by the client (IE sends "C:\Users\x\a.txt") is dropped (API.md §3.5 step 1).
     */
    public static String clientFileName(String value) {
        if (value.indexOf('\0') >= 0) throw new UnsafePathException("NUL in file name");
        checkNoEncodedTraversal(value);
        for (String seg : value.split("[/\\\\]", -1)) {
            if (seg.equals("..")) throw new UnsafePathException("'..' in file name");
        }
        int cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
        return value.substring(cut + 1);
    }

    /** A stored-name parameter (upload {@code filename}, tus metadata): a plain name, nothing else. */
    public static String name(String value) {
        checkPlainText(value);
        if (value.indexOf('/') >= 0) throw new UnsafePathException("must be a name, without '/'");
        checkSegmentShape(value);
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new UnsafePathException("name longer than 255 bytes");
        }
        return value;
    }

    /** Resolves a store-relative path, refusing anything that would leave {@code root}. */
    public static Path resolveInside(Path root, String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) throw new UnsafePathException("path leaves the store");
        return p;
    }

    /**
     * True when the existing file {@code p} is really inside {@code root} once symlinks are
     * followed (a link inside the store must not serve /etc/passwd).
     */
    public static boolean reallyInside(Path root, Path p) {
        try {
            if (!Files.isSymbolicLink(p) && p.getParent() != null && p.getParent().equals(root)) return true;
            return p.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkPlainText(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) throw new UnsafePathException("NUL character");
            if (c < 0x20 || c == 0x7f) throw new UnsafePathException("control character");
            if (c == '\\') throw new UnsafePathException("backslash");
        }
        checkNoEncodedTraversal(v);
    }

    /** Text that is still percent-encoded after decoding: a double-encoded dot, slash or NUL. */
    private static void checkNoEncodedTraversal(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || lower.contains("%252")) {
            throw new UnsafePathException("percent-encoded dot, slash or NUL");
        }
    }

    private static void checkSegmentShape(String seg) {
        if (seg.isEmpty()) throw new UnsafePathException("empty path segment");
        if (seg.equals(".") || seg.equals("..")) throw new UnsafePathException("'.' or '..' segment");
    }
}
