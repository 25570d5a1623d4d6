package io.jfastdfs.index;

import io.jfastdfs.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a node's replication log: an upload (or a change of its extra keys) or a delete.
 * {@code record} is null only for a delete of a key this node never held; {@code at} is Unix seconds,
 * for deletes the time of the original delete, so every node keeps the same tombstone.
 */
public record Event(long seq, String op, String md5, FileRecord record, List<String> aliases, long at)
        implements JsonValue {
    public static final String ADD = "add";
    public static final String DEL = "del";

    public Event {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean isAdd() {
        return ADD.equals(op);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("op", op);
        m.put("md5", md5);
        m.put("record", record);
        m.put("aliases", aliases);
        m.put("at", at);
        return m;
    }

    /** Parses what {@link #toJson()} wrote (a peer's events page). */
    public static Event fromJson(Map<?, ?> m) {
        FileRecord rec = m.get("record") instanceof Map<?, ?> r ? FileRecord.fromJson(r) : null;
        List<String> aliases = new ArrayList<>();
        if (m.get("aliases") instanceof List<?> l) for (Object o : l) aliases.add(String.valueOf(o));
        return new Event(num(m.get("seq")), String.valueOf(m.get("op")), String.valueOf(m.get("md5")), rec, aliases,
                num(m.get("at")));
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
