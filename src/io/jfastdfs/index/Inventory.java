package io.jfastdfs.index;

import io.jfastdfs.json.JsonValue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-day inventories for anti-entropy (API.md §5.5): a summary per day that two nodes compare
 * cheaply, and the day's records in md5 order, paged, for the days whose summaries differ.
 */
public final class Inventory {
    private static final String ALL = "SELECT day, md5, size FROM files ORDER BY day";
    private static final String DAY = "SELECT day, md5, size FROM files WHERE day = ?";
    private static final String PAGE = FileRows.SELECT + " WHERE day = ? AND md5 > ? ORDER BY md5 LIMIT ?";

    /**
     * A day's count, bytes and an order-independent hash of its identities (sum of their first 64
     * bits), so equal sets give equal summaries whatever order the files arrived in.
     */
    public record DaySummary(String day, long count, long bytes, String hash) implements JsonValue {
        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", day);
            m.put("count", count);
            m.put("bytes", bytes);
            m.put("hash", hash);
            return m;
        }

        public static DaySummary fromJson(Map<?, ?> m) {
            return new DaySummary(String.valueOf(m.get("day")), num(m.get("count")), num(m.get("bytes")),
                    String.valueOf(m.get("hash")));
        }

        private static long num(Object o) {
            return o instanceof Number n ? n.longValue() : 0;
        }
    }

    private final Database db;

    public Inventory(Database db) {
        this.db = db;
    }

    /** Every day with at least one file, ascending. */
    public List<DaySummary> days() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                return summarise(ps);
            }
        });
    }

    /** One day's summary (zeros when the day has no file). */
    public DaySummary day(String day) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(DAY)) {
                ps.setString(1, day);
                List<DaySummary> one = summarise(ps);
                return one.isEmpty() ? new DaySummary(day, 0, 0, hex(0)) : one.get(0);
            }
        });
    }

    /** Up to {@code limit} records of {@code day} with md5 above {@code afterMd5}, in md5 order. */
    public List<FileRecord> page(String day, String afterMd5, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setString(1, day);
                ps.setString(2, afterMd5);
                ps.setInt(3, limit);
                return FileRows.all(ps);
            }
        });
    }

    private static List<DaySummary> summarise(PreparedStatement ps) throws java.sql.SQLException {
        Map<String, long[]> days = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] d = days.computeIfAbsent(rs.getString(1), k -> new long[3]);
                d[0]++;
                d[1] += rs.getLong(3);
                d[2] += bits(rs.getString(2));
            }
        }
        List<DaySummary> out = new ArrayList<>(days.size());
        days.forEach((day, d) -> out.add(new DaySummary(day, d[0], d[1], hex(d[2]))));
        return out;
    }

    /** The first 64 bits of a hex identity; anything else is hashed first. */
    static long bits(String md5) {
        try {
            if (md5.length() >= 16) return Long.parseUnsignedLong(md5, 0, 16, 16);
        } catch (NumberFormatException e) {
            // not hex: fall through
        }
        return Long.parseUnsignedLong(FileRecord.md5Hex(md5), 0, 16, 16);
    }

    private static String hex(long v) {
        return HexFormat.of().toHexDigits(v);
    }
}
