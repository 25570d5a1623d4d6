package io.jfastdfs.service;

import io.jfastdfs.index.FileRecord;

/**
 * Told after a local change is committed (durably, with its replication event): the cluster uses it
 * to nudge peers at once instead of waiting for their next pull; metrics count uploads and dedup hits.
 */
public interface FileEvents {
    void added(FileRecord record);

    void removed(FileRecord record);

    /** An upload whose content was already stored answered with {@code existing} (dedup, API.md §3.4). */
    default void duplicate(FileRecord existing) {}

    /** Tells {@code first}, then {@code second}. */
    static FileEvents both(FileEvents first, FileEvents second) {
        return new FileEvents() {
            @Override
            public void added(FileRecord r) {
                first.added(r);
                second.added(r);
            }

            @Override
            public void removed(FileRecord r) {
                first.removed(r);
                second.removed(r);
            }

            @Override
            public void duplicate(FileRecord existing) {
                first.duplicate(existing);
                second.duplicate(existing);
            }
        };
    }
}
