package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Deleted keys (identities and path keys) with the time of the delete: an upload of a key is
 * applied from a peer only when it is newer than the key's tombstone (API.md §5.3 item 7).
 */
final class Tombstones {
    private static final String GET = "SELECT at FROM tombstones WHERE key = ?";
    /** Keeps the later delete time; reports a change only when the row is new or moved forward. */
    private static final String PUT = "INSERT INTO tombstones (key, at) VALUES (?, ?) "
            + "ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE excluded.at > at";
    private static final String CLEAR = "DELETE FROM tombstones WHERE key = ?";
    private static final String EXPIRE = "DELETE FROM tombstones WHERE at < ?";

    private Tombstones() {}

    static OptionalLong at(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** True when the tombstone is new or later than the one stored. */
    static boolean put(Connection c, String key, long at) throws SQLException {
        if (key.isEmpty()) return false;
        try (PreparedStatement ps = c.prepareStatement(PUT)) {
            ps.setString(1, key);
            ps.setLong(2, at);
            return ps.executeUpdate() > 0;
        }
    }

    /** A new local upload of the file: its identity and path are alive again. */
    static void clear(Connection c, FileRecord rec) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLEAR)) {
            ps.setString(1, rec.md5());
            ps.executeUpdate();
            ps.setString(1, rec.pathKey());
            ps.executeUpdate();
        }
    }

    /** The newest tombstone covering the record's identity or path, if any. */
    static OptionalLong covering(Connection c, FileRecord rec) throws SQLException {
        OptionalLong a = at(c, rec.md5());
        OptionalLong b = at(c, rec.pathKey());
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    static void expire(Connection c, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXPIRE)) {
            ps.setLong(1, before);
            ps.executeUpdate();
        }
    }
}
