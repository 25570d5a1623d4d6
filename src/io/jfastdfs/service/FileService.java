package io.jfastdfs.service;

import io.jfastdfs.config.Settings;
import io.jfastdfs.http.UrlCodec;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.util.Optional;

/** Lookups and deletes of indexed files by digest, path key, tus id or download path (API.md §2.7–2.9). */
public final class FileService {
    private final Settings settings;
    private final FileStore store;
    private final FileIndex index;
    private final FileEvents events;
    private final Volumes volumes;

    public FileService(Settings settings, FileStore store, FileIndex index, FileEvents events, Volumes volumes) {
        this.settings = settings;
        this.store = store;
        this.index = index;
        this.events = events;
        this.volumes = volumes;
    }

    public Optional<FileRecord> find(String key) {
        return key.isEmpty() ? Optional.empty() : index.find(key);
    }

    /** A record whose bytes are on this node (containers count as present; §2.9). */
    public Optional<FileRecord> findPresent(String key) {
        return find(key).filter(r -> r.offset() >= 0 || store.present(r.relativeFile(), r.size()));
    }

    /**
     * The path key for any form of a file's address: "/group1/default/…/a.txt", "default/…/a.txt",
     * "files/default/…/a.txt" or a full download URL (scheme, host and query are dropped).
     */
    public String pathKey(String pathOrUrl) {
        String p = pathOrUrl.trim();
        int scheme = p.indexOf("://");
        if (scheme > 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : UrlCodec.decode(p.substring(slash), false);
        }
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        while (p.startsWith("/")) p = p.substring(1);
        // "/<group>/" only with group management on (API.md §2.7): else "group1/x" may be a custom path
        String group = settings.get().groupPrefix();
        if (!group.isEmpty() && p.startsWith(group.substring(1) + "/")) p = p.substring(group.length());
        if (!p.startsWith("files/")) p = "files/" + p;
        return FileRecord.pathKeyOf(p);
    }

    /** Removes the file and its record (stats follow); empty when nothing was indexed under the key. */
    public Optional<FileRecord> delete(String key) throws IOException {
        Optional<FileRecord> rec = index.find(key);
        if (rec.isEmpty()) return Optional.empty();
        FileRecord r = rec.get();
        if (r.offset() >= 0) volumes.erase(r); // flag '0', content zeroed: the URL answers 404 from now on
        else store.delete(r.relativeFile());
        Optional<FileRecord> removed = index.delete(r.md5());
        removed.ifPresent(events::removed);
        return removed;
    }
}
