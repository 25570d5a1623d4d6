package io.jfastdfs.tus;

import io.jfastdfs.index.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tus_uploads table: one row per upload, changed in one statement per step, so the received
 * offset and the digest state of those bytes always commit together.
 */
final class TusStore {
    private static final String COLUMNS =
            "id, length, \"offset\", metadata, concat, digest_state, file, created, updated, result";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM tus_uploads";
    private static final String INSERT = "INSERT INTO tus_uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PROGRESS =
            "UPDATE tus_uploads SET \"offset\" = ?, length = ?, digest_state = ?, updated = ? WHERE id = ? AND result IS NULL";
    private static final String FINISHED = "UPDATE tus_uploads SET \"offset\" = ?, length = ?, digest_state = NULL, "
            + "updated = ?, result = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM tus_uploads WHERE id = ?";
    private static final String EXPIRED = SELECT
            + " WHERE (result IS NULL AND updated < ?) OR (result IS NOT NULL AND updated < ?)";

    private final Database db;

    TusStore(Database db) {
        this.db = db;
    }

    void insert(TusUpload u) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, u.id());
                ps.setLong(2, u.length());
                ps.setLong(3, u.offset());
                ps.setString(4, u.metadata());
                ps.setString(5, u.concat());
                ps.setBytes(6, u.digestState());
                ps.setString(7, u.file());
                ps.setLong(8, u.created());
                ps.setLong(9, u.updated());
                ps.setString(10, u.result());
                return ps.executeUpdate();
            }
        });
    }

    Optional<TusUpload> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
                ps.setString(1, id);
                List<TusUpload> l = all(ps);
                return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
            }
        });
    }

    /** Records received bytes: the new offset, the length (set late when deferred) and the digest state. */
    void progress(TusUpload u) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(PROGRESS)) {
                ps.setLong(1, u.offset());
                ps.setLong(2, u.length());
                ps.setBytes(3, u.digestState());
                ps.setLong(4, u.updated());
                ps.setString(5, u.id());
                return ps.executeUpdate();
            }
        });
    }

    /** Marks the upload stored as the record {@code md5}; HEAD keeps answering for a while. */
    void finished(String id, long length, String md5, long now) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(FINISHED)) {
                ps.setLong(1, length);
                ps.setLong(2, length);
                ps.setLong(3, now);
                ps.setString(4, md5);
                ps.setString(5, id);
                return ps.executeUpdate();
            }
        });
    }

    void delete(String id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Unfinished uploads idle since before {@code unfinishedBefore}, finished ones since before {@code finishedBefore}. */
    List<TusUpload> expired(long unfinishedBefore, long finishedBefore) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
                ps.setLong(1, unfinishedBefore);
                ps.setLong(2, finishedBefore);
                return all(ps);
            }
        });
    }

    List<TusUpload> unfinished() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE result IS NULL")) {
                return all(ps);
            }
        });
    }

    /** Uploads created and not finished yet (also those a client abandoned, until they expire). */
    long unfinishedCount() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tus_uploads WHERE result IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    Set<String> ids() {
        return db.read(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tus_uploads");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    private static List<TusUpload> all(PreparedStatement ps) throws SQLException {
        List<TusUpload> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TusUpload(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getBytes(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getString(10)));
            }
        }
        return out;
    }
}
