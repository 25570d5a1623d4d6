package io.jfastdfs.merge;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.util.Optional;

/**
 * The address of one merged small file (API.md §2.6, §3.6): container {@code files/haystack/<peerId>/<container>},
 * a flag byte at {@code offset}, then {@code length - 1} bytes of content. It is the whole URL
 * {@code {G}/haystack/<peerId>/<container>,<offset>,<length>,<ext>}, so it is parsed from the URL alone.
 */
public record Needle(String peerId, String container, long offset, long length, String ext) {
    /** Largest {@code length} a URL may name (go-fastdfs's limit: flag byte included). */
    public static final long MAX_LENGTH = 1_048_576;
    static final String TOP = "haystack";
    private static final int MAX_CONTAINER_DIGITS = 9;

    /** True when a download path (relative to files/) lies in the haystack tree. */
    public static boolean inHaystack(String rel) {
        return rel.equals(TOP) || rel.startsWith(TOP + "/");
    }

    /**
     * "haystack/<peerId>/<container>,<offset>,<length>[,<ext>]" → the needle; empty for anything else
     * (a bare container, a negative offset, a length outside 1..{@link #MAX_LENGTH}, extra segments).
     */
    public static Optional<Needle> parse(String rel) {
        String[] seg = rel.split("/", -1);
        if (seg.length != 3 || !seg[0].equals(TOP)) return Optional.empty();
        return parse(seg[1], seg[2]);
    }

    /** The needle a merged record names; empty when the record is not a well-formed merged file. */
    public static Optional<Needle> of(FileRecord r) {
        String prefix = "files/" + TOP + "/";
        if (r.offset() < 0 || !r.path().startsWith(prefix)) return Optional.empty();
        return parse(r.path().substring(prefix.length()), r.rename())
                .filter(n -> n.offset == r.offset() && n.length == r.size());
    }

    private static Optional<Needle> parse(String peerId, String last) {
        String[] parts = last.split(",", 4);
        if (parts.length < 3 || peerId.isEmpty()) return Optional.empty();
        try {
            SafePath.segment(peerId);
        } catch (UnsafePathException e) {
            return Optional.empty();
        }
        if (!parts[0].matches("[0-9]{1," + MAX_CONTAINER_DIGITS + "}")) return Optional.empty();
        long offset = number(parts[1]);
        long length = number(parts[2]);
        if (offset < 0 || length < 1 || length > MAX_LENGTH) return Optional.empty();
        return Optional.of(new Needle(peerId, parts[0], offset, length, parts.length == 4 ? parts[3] : ""));
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        return Long.parseLong(s);
    }

    /** The directory of the record ("files/haystack/<peerId>"). */
    public static String dirOf(String peerId) {
        return "files/" + TOP + "/" + peerId;
    }

    public String dir() {
        return dirOf(peerId);
    }

    /** The record's {@code rename}: "<container>,<offset>,<length>,<ext>". */
    public String rename() {
        return container + "," + offset + "," + length + "," + ext;
    }

    /** Store-relative container file: "files/haystack/<peerId>/<container>". */
    public String containerFile() {
        return dir() + "/" + container;
    }

    /** Bytes of the file itself, without the flag byte. */
    public long contentLength() {
        return length - 1;
    }
}
