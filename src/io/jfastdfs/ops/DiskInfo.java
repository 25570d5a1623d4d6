package io.jfastdfs.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The store filesystem as go-fastdfs reports it in {@code Sys.DiskInfo} (gopsutil's UsageStat, API.md §2.13). */
public final class DiskInfo {

    private static final Path PROC_MOUNTS = Path.of("/proc/mounts");

    private DiskInfo() {
    }

    /**
     * Usage of the filesystem holding {@code filesDir}, or null when it cannot be read. Inode counts are not
     * available from the JDK and are reported as 0. Percentages follow gopsutil: used / (used + available).
     */
    public static Map<String, Object> of(Path filesDir) {
        try {
            Path real = filesDir.toRealPath();
            FileStore store = Files.getFileStore(real);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            long used = total - store.getUnallocatedSpace();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("free", free);
            out.put("fstype", fsType(real, store));
            out.put("inodesFree", 0L);
            out.put("inodesTotal", 0L);
            out.put("inodesUsed", 0L);
            out.put("inodesUsedPercent", 0.0);
            out.put("path", "files");
            out.put("total", total);
            out.put("used", used);
            out.put("usedPercent", used + free == 0 ? 0.0 : used * 100.0 / (used + free));
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String fsType(Path real, FileStore store) {
        try {
            String type = fsTypeFromMounts(Files.readString(PROC_MOUNTS), real);
            if (type != null) {
                return type;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or /proc unavailable: the JDK's own idea of the type is the fallback.
        }
        return store.type();
    }

    /**
     * The filesystem type of the longest mount point in {@code procMountsText} containing {@code realPath};
     * on equal mount points the later line wins (it is mounted over the earlier). Null when none matches.
     */
    public static String fsTypeFromMounts(String procMountsText, Path realPath) {
        String best = null;
        int bestDepth = -1;
        for (String line : procMountsText.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(f[1]));
            if (realPath.startsWith(mountPoint) && mountPoint.getNameCount() >= bestDepth) {
                best = f[2];
                bestDepth = mountPoint.getNameCount();
            }
        }
        return best;
    }

    /** /proc/mounts writes space, tab, newline and backslash in paths as 3-digit octal escapes. */
    private static String unescape(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
