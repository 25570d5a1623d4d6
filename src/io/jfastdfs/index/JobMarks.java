package io.jfastdfs.index;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * What a maintenance job last completed, kept in the index so it survives restarts: the daily backup
 * stores the last day it backed up and so still runs after a restart past midnight (API.md §6.7).
 */
public final class JobMarks {
    private static final String GET = "SELECT value FROM job_marks WHERE job = ?";
    private static final String PUT = "INSERT OR REPLACE INTO job_marks (job, value) VALUES (?, ?)";

    private final Database db;

    public JobMarks(Database db) {
        this.db = db;
    }

    public Optional<String> get(String job) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(GET)) {
                ps.setString(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String job, String value) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(PUT)) {
                ps.setString(1, job);
                ps.setString(2, value);
                return ps.executeUpdate();
            }
        });
    }
}
