package io.jfastdfs.store;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where uploads go (API.md §3.1): files/{scene}/{YYYYMMDD}/{HH}/{MM}/{peer_id}, or a custom path. */
public final class PathLayout {
    private static final DateTimeFormatter DATE_DIRS = DateTimeFormatter.ofPattern("yyyyMMdd/HH/mm");

    private PathLayout() {}

    /** The dated directory; the scene and peer levels are left out when empty. */
    public static String datedDir(String scene, String peerId, LocalDateTime when) {
        StringBuilder sb = new StringBuilder("files");
        if (!scene.isEmpty()) sb.append('/').append(scene);
        sb.append('/').append(DATE_DIRS.format(when));
        if (!peerId.isEmpty()) sb.append('/').append(peerId);
        return sb.toString();
    }

    /**
     * A custom {@code path} parameter: dots removed, slashes trimmed (go-fastdfs behaviour), checked
     * by {@link SafePath#relative}; internal top-level directories are refused. A path that already
     * starts with "files" is used as-is.
     */
    public static String customDir(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) trimmed = trimmed.substring(1);
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        if (trimmed.isEmpty()) throw new UnsafePathException("empty path");
        SafePath.relative(trimmed);
        String p = trimmed.replace(".", "");
        if (p.isEmpty()) throw new UnsafePathException("empty path");
        SafePath.relative(p);
        String dir = p.equals("files") || p.startsWith("files/") ? p : "files/" + p;
        String top = dir.equals("files") ? "" : dir.substring("files/".length()).split("/")[0];
        if (reservedTop(top)) throw new UnsafePathException("reserved directory " + top);
        return dir;
    }

    /**
     * True for the store's own top-level directories (_tmp, _big, any "_…") and go-fastdfs's
     * small-file volumes (haystack): no upload, scene, replica or migration may use them.
     */
    public static boolean reservedTop(String topLevelDir) {
        return topLevelDir.startsWith("_") || topLevelDir.equals("haystack");
    }

    /** The tus directory with a custom path: files/{scene}/{path}. */
    public static String sceneCustomDir(String scene, String path) {
        String dir = customDir(path);
        String rest = dir.substring("files".length());
        return scene.isEmpty() ? dir : "files/" + scene + rest;
    }
}
