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
    private static final List<String> V2_CLUSTER = List.of();

    /** v3: tus uploads in progress (owned by the tus package). */
    private static final List<String> V3_TUS = List.of();

    static final Schema CURRENT = new Schema(List.of(V1_FILES, V2_CLUSTER, V3_TUS));

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
