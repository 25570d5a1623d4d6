package io.jfastdfs.ops;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Host memory as go-fastdfs reports it in {@code Sys.MemInfo} (gopsutil's VirtualMemoryStat, API.md §2.13),
 * parsed from the text of {@code /proc/meminfo}.
 */
public final class MemInfo {

    /** Output key → /proc/meminfo field; keys without a Linux source (wired, laundry) stay 0. */
    private static final String[][] FIELDS = {
            {"active", "Active"}, {"available", "MemAvailable"}, {"buffers", "Buffers"}, {"cached", "Cached"},
            {"commitLimit", "CommitLimit"}, {"committedAS", "Committed_AS"}, {"dirty", "Dirty"},
            {"free", "MemFree"}, {"highFree", "HighFree"}, {"highTotal", "HighTotal"},
            {"hugePageSize", "Hugepagesize"}, {"hugePagesFree", "HugePages_Free"},
            {"hugePagesRsvd", "HugePages_Rsvd"}, {"hugePagesSurp", "HugePages_Surp"},
            {"hugePagesTotal", "HugePages_Total"}, {"inactive", "Inactive"}, {"laundry", null},
            {"lowFree", "LowFree"}, {"lowTotal", "LowTotal"}, {"mapped", "Mapped"}, {"pageTables", "PageTables"},
            {"shared", "Shmem"}, {"slab", "Slab"}, {"sreclaimable", "SReclaimable"},
            {"sunreclaim", "SUnreclaim"}, {"swapCached", "SwapCached"}, {"swapFree", "SwapFree"},
            {"swapTotal", "SwapTotal"}, {"total", "MemTotal"}, {"used", null}, {"usedPercent", null},
            {"vmallocChunk", "VmallocChunk"}, {"vmallocTotal", "VmallocTotal"}, {"vmallocUsed", "VmallocUsed"},
            {"wired", null}, {"writeBack", "Writeback"}, {"writeBackTmp", "WritebackTmp"},
    };

    private MemInfo() {
    }

    /**
     * The 37 {@code Sys.MemInfo} keys in alphabetical order: Long bytes (HugePages_* counts stay counts, as
     * in /proc/meminfo) and {@code usedPercent} as Double. Missing or unparsable fields are 0.
     */
    public static Map<String, Object> parse(String procMeminfoText) {
        Map<String, Long> raw = rawFields(procMeminfoText == null ? "" : procMeminfoText);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String[] field : FIELDS) {
            out.put(field[0], field[1] == null ? 0L : raw.getOrDefault(field[1], 0L));
        }
        long total = (Long) out.get("total");
        long used = total - (Long) out.get("free") - (Long) out.get("buffers") - (Long) out.get("cached");
        out.put("used", used);
        out.put("usedPercent", total == 0 ? 0.0 : used * 100.0 / total);
        return out;
    }

    /** "Name:   123 kB" lines → name → value, kB converted to bytes. */
    private static Map<String, Long> rawFields(String text) {
        Map<String, Long> raw = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] parts = line.substring(colon + 1).trim().split("\\s+");
            try {
                long value = Long.parseLong(parts[0]);
                boolean kilobytes = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
                raw.put(line.substring(0, colon).trim(), kilobytes ? value * 1024 : value);
            } catch (NumberFormatException ignored) {
                // A field this parser does not understand is reported as missing (0).
            }
        }
        return raw;
    }
}
