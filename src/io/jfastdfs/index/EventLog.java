package io.jfastdfs.index;

import io.jfastdfs.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node's replication log (what peers pull), the cursors this node keeps on its peers' logs, and
 * the log's epoch. Events are appended by {@link FileIndex} and {@link Replicas} inside the same write
 * as the index change they describe, so the log never misses a committed change.
 */
public final class EventLog {
    private static final String APPEND = "INSERT INTO events (op, md5, record, aliases, at) VALUES (?, ?, ?, ?, ?)";
    private static final String AFTER =
            "SELECT seq, op, md5, record, aliases, at FROM events WHERE seq > ? ORDER BY seq LIMIT ?";
    /** The highest sequence number ever given out, even if compaction removed that event since. */
    private static final String LAST = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)";
    private static final String EPOCH = "SELECT value FROM cluster_meta WHERE key = 'epoch'";
    private static final String EXTRA_ALIASES = "SELECT alias FROM aliases WHERE md5 = ? AND alias <> ? ORDER BY alias";
    private static final String CURSOR = "SELECT epoch, seq FROM peer_cursor WHERE peer = ?";
    private static final String SAVE_CURSOR = "INSERT OR REPLACE INTO peer_cursor (peer, epoch, seq) VALUES (?, ?, ?)";
    /** Only the newest event per identity matters to a peer that has not read the older ones yet. */
    private static final String DROP_SUPERSEDED =
            "DELETE FROM events WHERE seq < (SELECT max(e.seq) FROM events e WHERE e.md5 = events.md5)";
    private static final String DROP_OLD_DELETES = "DELETE FROM events WHERE op = 'del' AND at < ?";

    /** A page of events after a cursor; {@code last} is the log's newest sequence number. */
    public record Page(String epoch, long last, List<Event> events) {}

    /** Where this node is in a peer's log. */
    public record Cursor(String epoch, long seq) {}

    private final Database db;

    public EventLog(Database db) {
        this.db = db;
    }

    public Page after(long seq, int limit) {
        return db.read(c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(AFTER)) {
                ps.setLong(1, seq);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(event(rs));
                }
            }
            return new Page(epoch(c), last(c), out);
        });
    }

    public long lastSeq() {
        return db.read(EventLog::last);
    }

    public String epoch() {
        return db.read(EventLog::epoch);
    }

    /** This node's position in {@code peer}'s log; seq 0 and an empty epoch when never read. */
    public Cursor cursor(String peer) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
                ps.setString(1, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Cursor(rs.getString(1), rs.getLong(2)) : new Cursor("", 0);
                }
            }
        });
    }

    public void saveCursor(String peer, Cursor cursor) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(SAVE_CURSOR)) {
                ps.setString(1, peer);
                ps.setString(2, cursor.epoch());
                ps.setLong(3, cursor.seq());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Drops events a later event of the same identity supersedes, then deletes older than
     * {@code deletesBefore} (Unix seconds) together with their tombstones. Returns events removed.
     */
    public int compact(long deletesBefore) {
        return db.write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(DROP_SUPERSEDED)) {
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(DROP_OLD_DELETES)) {
                ps.setLong(1, deletesBefore);
                n += ps.executeUpdate();
            }
            Tombstones.expire(c, deletesBefore);
            return n;
        });
    }

    /** Appends an upload event for {@code rec} with its current extra keys (tus ids). */
    static void added(Connection c, FileRecord rec) throws SQLException {
        append(c, Event.ADD, rec.md5(), rec, extraAliases(c, rec), System.currentTimeMillis() / 1000);
    }

    static void deleted(Connection c, String key, FileRecord rec, long at) throws SQLException {
        append(c, Event.DEL, key, rec, List.of(), at);
    }

    private static void append(Connection c, String op, String md5, FileRecord rec, List<String> aliases, long at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(APPEND)) {
            ps.setString(1, op);
            ps.setString(2, md5);
            if (rec == null) ps.setNull(3, Types.VARCHAR);
            else ps.setString(3, Json.compact(rec));
            if (aliases.isEmpty()) ps.setNull(4, Types.VARCHAR);
            else ps.setString(4, Json.compact(aliases));
            ps.setLong(5, at);
            ps.executeUpdate();
        }
    }

    private static List<String> extraAliases(Connection c, FileRecord rec) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXTRA_ALIASES)) {
            ps.setString(1, rec.md5());
            ps.setString(2, rec.pathKey());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long last(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String epoch(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EPOCH); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static Event event(ResultSet rs) throws SQLException {
        String rec = rs.getString(4);
        String aliases = rs.getString(5);
        List<String> al = new ArrayList<>();
        if (aliases != null && Json.parse(aliases) instanceof List<?> l) for (Object o : l) al.add(String.valueOf(o));
        FileRecord r = rec != null && Json.parse(rec) instanceof Map<?, ?> m ? FileRecord.fromJson(m) : null;
        return new Event(rs.getLong(1), rs.getString(2), rs.getString(3), r, al, rs.getLong(6));
    }
}
