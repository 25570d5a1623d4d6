package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The index schema as numbered migration steps; the database's {@code PRAGMA user_version} is the
 * number of steps already applied. Step i (1-based) runs once, when user_version &lt; i, in its own
 * transaction together with the version bump. To change the schema, append a step to {@link #CURRENT};
 * never edit a step that has shipped.
 */
final class Schema {

    /** v1: files by identity, second keys (path keys, tus ids), per-day counters. */
    private static final List<String> V1_FILES = List.of(
            """
            CREATE TABLE files (
                md5        TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                "rename"   TEXT NOT NULL,
                path       TEXT NOT NULL,
                size       INTEGER NOT NULL,
                peers      TEXT,               -- JSON array, NULL when unknown
                scene      TEXT NOT NULL,
                time_stamp INTEGER NOT NULL,   -- Unix seconds at the origin
                "offset"   INTEGER NOT NULL,
                day        TEXT NOT NULL       -- yyyyMMdd of time_stamp, local time when indexed
            ) WITHOUT ROWID""",
            "CREATE INDEX files_day ON files (day)",
            // search walks newest first and stops at its limit; name has no index because
            // a substring match cannot use one
            "CREATE INDEX files_time ON files (time_stamp)",
            "CREATE TABLE aliases (alias TEXT PRIMARY KEY, md5 TEXT NOT NULL) WITHOUT ROWID",
            "CREATE INDEX aliases_md5 ON aliases (md5)",
            "CREATE TABLE daily (day TEXT PRIMARY KEY, count INTEGER NOT NULL, bytes INTEGER NOT NULL) WITHOUT ROWID");

    /** v2: replication log, peer cursors, tombstones (owned by the cluster package). */
    private static final List<String> V2_CLUSTER = List.of(
            """
            CREATE TABLE events (
                seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                op      TEXT NOT NULL,      -- 'add' | 'del'
                md5     TEXT NOT NULL,      -- identity (or the key a delete named)
                record  TEXT,               -- compact FileRecord JSON; NULL for a delete of an unknown key
                aliases TEXT,               -- JSON array of extra keys (tus ids), NULL when none
                at      INTEGER NOT NULL    -- Unix seconds; for deletes the origin's delete time
            )""",
            // compaction keeps the newest event per identity
            "CREATE INDEX events_md5 ON events (md5)",
            // epoch: a random id of this log, so peers notice a wiped node and restart their cursor
            "CREATE TABLE cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            "INSERT INTO cluster_meta (key, value) VALUES ('epoch', lower(hex(randomblob(8))))",
            "CREATE TABLE peer_cursor (peer TEXT PRIMARY KEY, epoch TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID",
            // a key is an identity or a path key; a tombstone beats every upload of it not newer than at
            "CREATE TABLE tombstones (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID");

    /** v3: tus uploads in progress (owned by the tus package). */
    private static final List<String> V3_TUS = List.of(
            """
            CREATE TABLE tus_uploads (
                id           TEXT PRIMARY KEY,  -- 32 lower-case hex
                length       INTEGER NOT NULL,  -- -1 while deferred (Upload-Defer-Length)
                "offset"     INTEGER NOT NULL,  -- bytes durably received
                metadata     TEXT NOT NULL,     -- Upload-Metadata as sent, echoed by HEAD
                concat       TEXT NOT NULL,     -- Upload-Concat as sent: "", "partial" or "final;<urls>"
                digest_state BLOB,              -- resumable digest of bytes [0, offset); NULL for partials
                file         TEXT NOT NULL,     -- store-relative data file: files/_big/<peer_id>/<id>.bin
                created      INTEGER NOT NULL,  -- Unix milliseconds
                updated      INTEGER NOT NULL,  -- Unix milliseconds of the last change; expiry counts from here
                result       TEXT               -- md5 of the stored record once finished, else NULL
            ) WITHOUT ROWID""",
            "CREATE INDEX tus_uploads_updated ON tus_uploads (updated)");

    /** v4: when each maintenance job last completed (owned by the ops package), e.g. the daily backup. */
    private static final List<String> V4_JOBS = List.of(
            "CREATE TABLE job_marks (job TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");

    static final Schema CURRENT = new Schema(List.of(V1_FILES, V2_CLUSTER, V3_TUS, V4_JOBS));

    private final List<List<String>> steps;

    Schema(List<List<String>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The user_version a fully migrated database has. */
    int version() {
        return steps.size();
    }

    /** Applies the missing steps; refuses a database written by a newer schema. */
    void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int current = userVersion(s);
            if (current > version()) {
                throw new SQLException("index schema version " + current + " is newer than this build's " + version());
            }
            for (int step = current + 1; step <= version(); step++) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : steps.get(step - 1)) s.execute(sql);
                    s.execute("PRAGMA user_version = " + step);
                    s.execute("COMMIT");
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    throw new SQLException("index migration step " + step + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    static int userVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
