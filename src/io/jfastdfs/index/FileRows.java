package io.jfastdfs.index;

import io.jfastdfs.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mapping between {@link FileRecord} and a row of the {@code files} table. */
final class FileRows {
    /** Column order read by {@link #record}; "rename" and "offset" are SQL keywords, hence quoted. */
    static final String SELECT =
            "SELECT name, \"rename\", path, md5, size, peers, scene, time_stamp, \"offset\", day FROM files";
    private static final String INSERT = "INSERT INTO files "
            + "(name, \"rename\", path, md5, size, peers, scene, time_stamp, \"offset\", day) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A stored record with the day its counters were booked under. */
    record Row(FileRecord record, String day) {
    }

    private FileRows() {}

    /** Inserts {@code rec}, booked under the day of its time stamp; returns that row. */
    static Row insert(Connection c, FileRecord rec) throws SQLException {
        Row row = new Row(rec, DailyStat.dayOf(rec.timeStamp()));
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, rec.name());
            ps.setString(2, rec.rename());
            ps.setString(3, rec.path());
            ps.setString(4, rec.md5());
            ps.setLong(5, rec.size());
            setPeers(ps, 6, rec.peers());
            ps.setString(7, rec.scene());
            ps.setLong(8, rec.timeStamp());
            ps.setLong(9, rec.offset());
            ps.setString(10, row.day());
            ps.executeUpdate();
        }
        return row;
    }

    /** Runs a query selecting {@link #SELECT}'s columns and returns its first row, if any. */
    static Optional<Row> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Row(record(rs), rs.getString(10))) : Optional.empty();
        }
    }

    /** Runs a query selecting {@link #SELECT}'s columns and returns all its records. */
    static List<FileRecord> all(PreparedStatement ps) throws SQLException {
        List<FileRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(record(rs));
        }
        return out;
    }

    static void setPeers(PreparedStatement ps, int index, List<String> peers) throws SQLException {
        if (peers == null) ps.setNull(index, Types.VARCHAR);
        else ps.setString(index, Json.compact(peers));
    }

    private static FileRecord record(ResultSet rs) throws SQLException {
        return new FileRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                peers(rs.getString(6)), rs.getString(7), rs.getLong(8), rs.getLong(9));
    }

    private static List<String> peers(String json) {
        if (json == null) return null;
        List<String> out = new ArrayList<>();
        if (Json.parse(json) instanceof List<?> list) {
            for (Object peer : list) out.add(String.valueOf(peer));
        }
        return out;
    }
}
