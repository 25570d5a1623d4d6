package io.jfastdfs.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File-name rules of API.md §3.5: go-fastdfs's special-character cleaning plus our safety steps. */
public final class FileNames {
    private static final String SPECIAL = "/\\:*?\"<>|()[]{},;'#@%&$^~=+-! \t\r\n\f";
    private static final int MAX_BYTES = 255;

    private FileNames() {}

    /**
     * Cleans an uploaded file name: step 2 (when {@code trimSpecial}) deletes go-fastdfs's special
     * characters and "..."/"..", step 3 strips control characters, refuses "." and "..", and caps
     * the length at 255 UTF-8 bytes keeping the extension. Returns "" when nothing usable is left.
     */
    public static String clean(String name, boolean trimSpecial) {
        String n = name;
        if (trimSpecial) {
            StringBuilder sb = new StringBuilder(n.length());
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (SPECIAL.indexOf(c) < 0) sb.append(c);
            }
            n = sb.toString().replace("...", "").replace("..", "");
        }
        return safe(n);
    }

    /** Step 3 alone: what the {@code filename} parameter and tus names get. */
    public static String safe(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().filter(c -> c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))
                .forEach(sb::appendCodePoint);
        String n = sb.toString();
        if (n.equals(".") || n.equals("..")) return "";
        return capBytes(n);
    }

    /** The extension with its dot, as written ("" when none): "a.TAR.gz" → ".gz". */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    public static String lowerExtension(String name) {
        return extension(name).toLowerCase(Locale.ROOT);
    }

    /** The n-th collision candidate: "name", then "0_name", "1_name", … (never accumulating). */
    public static String candidate(String name, int attempt) {
        return attempt == 0 ? name : (attempt - 1) + "_" + name;
    }

    private static String capBytes(String n) {
        if (n.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) return n;
        String ext = extension(n);
        if (ext.getBytes(StandardCharsets.UTF_8).length > 32) ext = "";
        String stem = n.substring(0, n.length() - ext.length());
        int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) break;
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return sb + ext;
    }
}
