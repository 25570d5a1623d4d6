package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file index (API.md §3.3–3.4): records by identity ({@code md5}), second keys (path keys, tus
 * ids) in {@code aliases}, and per-day counters changed in the same write as the records. Every
 * mutation is one write task, so it commits (or fails) as a whole, together with the replication
 * event it appends to {@link EventLog} (a mutation that changes nothing appends nothing).
 */
public final class FileIndex {
    private static final String BY_MD5 = FileRows.SELECT + " WHERE md5 = ?";
    /** A key is an identity, else an alias; one statement, so one snapshot. */
    private static final String BY_KEY = FileRows.SELECT + " WHERE md5 = coalesce("
            + "(SELECT md5 FROM files WHERE md5 = ?1), (SELECT md5 FROM aliases WHERE alias = ?1))";
    private static final String SEARCH =
            FileRows.SELECT + " WHERE instr(name, ?) > 0 ORDER BY time_stamp DESC, md5 LIMIT ?";
    private static final String BY_DAY = FileRows.SELECT + " WHERE day = ? ORDER BY time_stamp, md5";
    private static final String MD5S_BY_DAY = "SELECT md5 FROM files WHERE day = ? ORDER BY md5";
    private static final String COUNT = "SELECT count(*) FROM files";
    private static final String DELETE_FILE = "DELETE FROM files WHERE md5 = ?";
    private static final String DELETE_ALIASES = "DELETE FROM aliases WHERE md5 = ?";
    private static final String DELETE_ALIAS = "DELETE FROM aliases WHERE alias = ? AND md5 = ?";
    /**
     * The newest claim on an alias wins: a path or tus id names one file at a time. Counts a change
     * only when the alias is new or moves, so an unchanged alias appends no replication event.
     */
    private static final String PUT_ALIAS = "INSERT INTO aliases (alias, md5) VALUES (?, ?) "
            + "ON CONFLICT (alias) DO UPDATE SET md5 = excluded.md5 WHERE md5 <> excluded.md5";
    private static final String UPDATE_PEERS = "UPDATE files SET peers = ? WHERE md5 = ?";

    private final Database db;

    public FileIndex(Database db) {
        this.db = db;
    }

    /** The record whose md5 is {@code key}, else the one an alias (path key, tus id) {@code key} names. */
    public Optional<FileRecord> find(String key) {
        return db.read(c -> byKey(c, key)).map(FileRows.Row::record);
    }

    /** The {@code keys} (at most a few thousand) that name an indexed file as identity or alias; one query. */
    public Set<String> known(Collection<String> keys) {
        if (keys.isEmpty()) return Set.of();
        String in = "(" + "?,".repeat(keys.size() - 1) + "?)";
        String sql = "SELECT md5 FROM files WHERE md5 IN " + in + " UNION SELECT alias FROM aliases WHERE alias IN " + in;
        return db.read(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (int pass = 0; pass < 2; pass++) for (String key : keys) ps.setString(i++, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * Indexes {@code rec} with its path key and {@code extraAliases} and books it in the day's counters.
     * If its md5 is already indexed nothing of {@code rec} is stored (dedup, §3.4): the answer is the
     * existing record, and {@code extraAliases} (a tus id) are pointed at it so they still resolve.
     */
    public InsertResult insert(FileRecord rec, List<String> extraAliases) {
        List<String> aliases = extraAliases == null ? List.of() : List.copyOf(extraAliases);
        return db.write(c -> {
            Optional<FileRecord> existing = byMd5(c, rec.md5()).map(FileRows.Row::record);
            if (existing.isPresent()) {
                if (putAliases(c, rec.md5(), aliases) > 0) EventLog.added(c, existing.get());
                return new InsertResult(existing.get(), false);
            }
            put(c, Optional.empty(), rec, aliases);
            EventLog.added(c, rec);
            return new InsertResult(rec, true);
        });
    }

    /**
     * Stores {@code rec} in place of the record with the same md5, if any (path-identity overwrite,
     * or re-upload of content whose stored copy vanished); returns the replaced record. The old
     * record's path key and counters go, other aliases of the md5 (tus ids) stay.
     */
    public Optional<FileRecord> replace(FileRecord rec) {
        return db.write(c -> {
            Optional<FileRows.Row> old = byMd5(c, rec.md5());
            put(c, old, rec, List.of());
            if (old.isEmpty() || !Replicas.sameFile(old.get().record(), rec)) EventLog.added(c, rec);
            return old.map(FileRows.Row::record);
        });
    }

    /**
     * Removes the record {@code key} resolves to, with all its aliases and its counters, and leaves
     * tombstones for its identity and path so no peer brings it back.
     */
    public Optional<FileRecord> delete(String key) {
        return db.write(c -> {
            Optional<FileRows.Row> old = byKey(c, key);
            if (old.isPresent()) {
                FileRecord r = old.get().record();
                long now = System.currentTimeMillis() / 1000;
                drop(c, old.get());
                Tombstones.put(c, r.md5(), now);
                Tombstones.put(c, r.pathKey(), now);
                EventLog.deleted(c, r.md5(), r, now);
            }
            return old.map(FileRows.Row::record);
        });
    }

    public void addAlias(String alias, String md5) {
        db.write(c -> {
            if (putAliases(c, md5, List.of(alias)) > 0) {
                Optional<FileRows.Row> rec = byMd5(c, md5);
                if (rec.isPresent()) EventLog.added(c, rec.get().record());
            }
            return null;
        });
    }

    public void updatePeers(String md5, List<String> peers) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_PEERS)) {
                FileRows.setPeers(ps, 1, peers);
                ps.setString(2, md5);
                return ps.executeUpdate();
            }
        });
    }

    /** At most {@code limit} records whose name contains {@code kw} (case-sensitive), newest first. */
    public List<FileRecord> search(String kw, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SEARCH)) {
                ps.setString(1, kw == null ? "" : kw);
                ps.setInt(2, Math.max(0, limit));
                return FileRows.all(ps);
            }
        });
    }

    /** Per-day counters, ascending by day. */
    public List<DailyStat> stats() {
        return db.read(DailyStats::all);
    }

    /** Records booked under {@code day} (yyyyMMdd), oldest first. */
    public List<FileRecord> byDay(String day) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(BY_DAY)) {
                ps.setString(1, day);
                return FileRows.all(ps);
            }
        });
    }

    /** The md5s booked under {@code day}, sorted (per-day inventories for repair, §5.5). */
    public List<String> md5sByDay(String day) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(MD5S_BY_DAY)) {
                ps.setString(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Recomputes {@code day}'s counters from the records, stores and returns them. */
    public DailyStat recountDay(String day) {
        return db.write(c -> DailyStats.recount(c, day));
    }

    public long count() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static Optional<FileRows.Row> byMd5(Connection c, String md5) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_MD5)) {
            ps.setString(1, md5);
            return FileRows.one(ps);
        }
    }

    static Optional<FileRows.Row> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_KEY)) {
            ps.setString(1, key);
            return FileRows.one(ps);
        }
    }

    /**
     * Stores {@code rec} in place of {@code old} (the row of the same md5, if any; its path key goes,
     * other aliases stay) with its path key, {@code aliases} and its share of the day's counters;
     * its identity and path are alive again. The caller logs the event.
     */
    static void put(Connection c, Optional<FileRows.Row> old, FileRecord rec, List<String> aliases)
            throws SQLException {
        if (old.isPresent()) {
            remove(c, old.get());
            execute(c, DELETE_ALIAS, old.get().record().pathKey(), rec.md5());
        }
        FileRows.Row row = FileRows.insert(c, rec);
        DailyStats.add(c, row.day(), 1, rec.size());
        putAliases(c, rec.md5(), List.of(rec.pathKey()));
        putAliases(c, rec.md5(), aliases);
        Tombstones.clear(c, rec);
    }

    /** Deletes the record and takes it off the counters of the day it was booked under. */
    private static void remove(Connection c, FileRows.Row row) throws SQLException {
        execute(c, DELETE_FILE, row.record().md5());
        DailyStats.add(c, row.day(), -1, -row.record().size());
    }

    /** Removes the record, its counters and every alias of it. */
    static void drop(Connection c, FileRows.Row row) throws SQLException {
        remove(c, row);
        execute(c, DELETE_ALIASES, row.record().md5());
    }

    /** Points the aliases at {@code md5}; returns how many were new or moved. */
    static int putAliases(Connection c, String md5, List<String> aliases) throws SQLException {
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement(PUT_ALIAS)) {
            for (String alias : aliases) {
                if (alias.isEmpty() || alias.equals(md5)) continue;
                ps.setString(1, alias);
                ps.setString(2, md5);
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }

    private static int execute(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }
}
