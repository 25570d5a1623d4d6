package io.jfastdfs.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Index changes that arrive from peers (API.md §5.3 item 7): idempotent, order-independent through
 * time stamps and tombstones, and logged again only when they change something, so the log is
 * transitive (any node can be a source) without echo loops.
 */
public final class Replicas {
    /** What applying a peer's upload did. */
    public enum Outcome { ADDED, UPDATED, UNCHANGED, TOMBSTONED }

    private final Database db;

    public Replicas(Database db) {
        this.db = db;
    }

    /**
     * Indexes a peer's record whose bytes are already in place. A tombstone not older than the
     * record wins. An existing record of the same identity stays (only new extra keys are added)
     * unless {@code replace} is set: a newer overwrite of the same path, or a local record whose
     * bytes were lost.
     */
    public Outcome applyAdd(FileRecord rec, List<String> aliases, boolean replace) {
        return db.write(c -> {
            OptionalLong tomb = Tombstones.covering(c, rec);
            if (tomb.isPresent() && tomb.getAsLong() >= rec.timeStamp()) return Outcome.TOMBSTONED;
            Optional<FileRows.Row> existing = FileIndex.byMd5(c, rec.md5());
            if (existing.isPresent() && (!replace || sameFile(existing.get().record(), rec))) {
                if (FileIndex.putAliases(c, rec.md5(), aliases) == 0) return Outcome.UNCHANGED;
                EventLog.added(c, existing.get().record());
                return Outcome.UPDATED;
            }
            FileIndex.put(c, existing, rec, aliases);
            EventLog.added(c, rec);
            return existing.isPresent() ? Outcome.UPDATED : Outcome.ADDED;
        });
    }

    /**
     * Applies a delete of {@code key} made at {@code at} (Unix seconds): removes the record it names
     * unless that record is newer, and keeps tombstones for the key and, when known, the record's
     * identity and path. Returns the removed record. Logged only when something changed.
     */
    public Optional<FileRecord> applyDelete(String key, FileRecord known, long at) {
        return db.write(c -> {
            Optional<FileRows.Row> row = FileIndex.byKey(c, key);
            Optional<FileRecord> removed = Optional.empty();
            if (row.isPresent() && row.get().record().timeStamp() <= at) {
                FileIndex.drop(c, row.get());
                removed = Optional.of(row.get().record());
            }
            FileRecord r = removed.orElse(known);
            boolean changed = removed.isPresent();
            changed |= Tombstones.put(c, key, at);
            if (r != null) {
                changed |= Tombstones.put(c, r.md5(), at);
                changed |= Tombstones.put(c, r.pathKey(), at);
            }
            if (changed) EventLog.deleted(c, key, r, at);
            return removed;
        });
    }

    /** The newest tombstone on the record's identity or path, if any. */
    public OptionalLong tombstone(FileRecord rec) {
        return db.read(c -> Tombstones.covering(c, rec));
    }

    public OptionalLong tombstone(String key) {
        return db.read(c -> Tombstones.at(c, key));
    }

    /** Same file and metadata; the peers list is per node and does not count. */
    public static boolean sameFile(FileRecord a, FileRecord b) {
        return a.md5().equals(b.md5()) && a.path().equals(b.path()) && a.name().equals(b.name())
                && a.rename().equals(b.rename()) && a.size() == b.size() && a.timeStamp() == b.timeStamp()
                && a.offset() == b.offset() && Objects.equals(a.scene(), b.scene());
    }
}
