package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code daily} counters. They are only changed inside the write that changes {@code files}, so
 * they always agree with the index.
 */
final class DailyStats {
    private static final String ADD = "INSERT INTO daily (day, count, bytes) VALUES (?, ?, ?) "
            + "ON CONFLICT (day) DO UPDATE SET count = count + excluded.count, bytes = bytes + excluded.bytes";
    private static final String ALL = "SELECT day, count, bytes FROM daily ORDER BY day";
    private static final String RECOUNT = "INSERT OR REPLACE INTO daily (day, count, bytes) "
            + "SELECT ?1, count(*), coalesce(sum(size), 0) FROM files WHERE day = ?1";
    private static final String ONE = "SELECT day, count, bytes FROM daily WHERE day = ?";

    private DailyStats() {}

    /** Adds a delta (+1/+size on insert, -1/-size on delete) to a day's counters. */
    static void add(Connection c, String day, long count, long bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD)) {
            ps.setString(1, day);
            ps.setLong(2, count);
            ps.setLong(3, bytes);
            ps.executeUpdate();
        }
    }

    static List<DailyStat> all(Connection c) throws SQLException {
        List<DailyStat> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(stat(rs));
        }
        return out;
    }

    /** Recomputes a day's counters from the files table, stores and returns them. */
    static DailyStat recount(Connection c, String day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECOUNT)) {
            ps.setString(1, day);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return stat(rs);
            }
        }
    }

    private static DailyStat stat(ResultSet rs) throws SQLException {
        return new DailyStat(rs.getString(1), rs.getLong(2), rs.getLong(3));
    }
}
