package io.jfastdfs.service;

import io.jfastdfs.index.FileRecord;

/**
 * Told after a local change is committed (durably, with its replication event): the cluster uses it
 * to nudge peers at once instead of waiting for their next pull.
 */
public interface FileEvents {
    FileEvents NONE = new FileEvents() {
        @Override
        public void added(FileRecord r) {}

        @Override
        public void removed(FileRecord r) {}
    };

    void added(FileRecord record);

    void removed(FileRecord record);
}
