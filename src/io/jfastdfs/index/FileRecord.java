package io.jfastdfs.index;

import io.jfastdfs.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One indexed file (API.md §1.10 FileInfo). {@code path} is the store-relative directory
 * ("files/default/20261124/23/23/1"); {@code md5} is the identity (content digest or path key).
 * Compact JSON keeps the go-fastdfs field order.
 */
public record FileRecord(String name, String rename, String path, String md5, long size,
                         List<String> peers, String scene, long timeStamp, long offset) implements JsonValue {

    public static final long OFFSET_NORMAL = -1;
    public static final long OFFSET_MIGRATED = -2;

    public FileRecord {
        name = name == null ? "" : name;
        rename = rename == null ? "" : rename;
        path = path == null ? "" : path;
        md5 = md5 == null ? "" : md5;
        scene = scene == null ? "" : scene;
        peers = peers == null ? null : List.copyOf(peers);
    }

    /** The name on disk: {@code rename} when set, else {@code name}. */
    public String storedName() {
        return rename.isEmpty() ? name : rename;
    }

    /** Store-relative file path, e.g. "files/default/20261124/23/23/1/hello.txt". */
    public String relativeFile() {
        return path + "/" + storedName();
    }

    /** Bytes of the file itself: a merged small file's {@code size} counts its flag byte (API.md §3.6). */
    public long contentSize() {
        return offset >= 0 ? size - 1 : size;
    }

    /** md5 of the relative file path: the second key every record is found by (API.md §3.3). */
    public String pathKey() {
        return pathKeyOf(relativeFile());
    }

    public static String pathKeyOf(String relativeFile) {
        // downloads compute this per request: skip the regex in the usual case of no doubled slash
        return md5Hex(relativeFile.contains("//") ? relativeFile.replaceAll("/{2,}", "/") : relativeFile);
    }

    public FileRecord withPeers(List<String> newPeers) {
        return new FileRecord(name, rename, path, md5, size, newPeers, scene, timeStamp, offset);
    }

    public FileRecord withMd5(String newMd5) {
        return new FileRecord(name, rename, path, newMd5, size, peers, scene, timeStamp, offset);
    }

    public FileRecord addPeer(String peer) {
        List<String> l = peers == null ? new ArrayList<>() : new ArrayList<>(peers);
        if (!l.contains(peer)) l.add(peer);
        return withPeers(l);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("rename", rename);
        m.put("path", path);
        m.put("md5", md5);
        m.put("size", size);
        m.put("peers", peers);
        m.put("scene", scene);
        m.put("timeStamp", timeStamp);
        m.put("offset", offset);
        return m;
    }

    /** The all-empty record go-fastdfs answers for "not found" in compact form. */
    public static Map<String, Object> emptyJson() {
        return new FileRecord("", "", "", "", 0, null, "", 0, 0).toJson();
    }

    /** Parses a map produced by {@link #toJson()} (peer messages, backups). */
    public static FileRecord fromJson(Map<?, ?> m) {
        List<String> peers = null;
        if (m.get("peers") instanceof List<?> l) {
            peers = new ArrayList<>();
            for (Object o : l) peers.add(String.valueOf(o));
        }
        return new FileRecord(str(m.get("name")), str(m.get("rename")), str(m.get("path")), str(m.get("md5")),
                num(m.get("size")), peers, str(m.get("scene")), num(m.get("timeStamp")), num(m.get("offset")));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    public static String md5Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
