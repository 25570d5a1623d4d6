package io.jfastdfs.json;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in the two shapes go-fastdfs clients expect: pretty (sorted keys, 2-space indent, no trailing
 * newline) and compact (insertion order, no spaces). Values are Map, Collection, String, Number,
 * Boolean, null, or {@link JsonValue}. Strings escape {@code < > &} and U+2028/9 as Go's encoder does.
 */
public final class Json {
    private Json() {}

    /** Pretty form: keys sorted by byte order at every level. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder(256);
        writePretty(sb, value, 0);
        return sb.toString();
    }

    /** Compact form: one line, keys in the map's own (insertion) order. */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder(256);
        writeCompact(sb, value);
        return sb.toString();
    }

    public static Object parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    private static void writePretty(StringBuilder sb, Object v, int depth) {
        v = unwrap(v);
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append("{}"); return; }
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                indent(sb, depth + 1);
                string(sb, e.getKey());
                sb.append(": ");
                writePretty(sb, e.getValue(), depth + 1);
                sb.append(++i < sorted.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) { sb.append("[]"); return; }
            sb.append("[\n");
            int i = 0;
            for (Object item : c) {
                indent(sb, depth + 1);
                writePretty(sb, item, depth + 1);
                sb.append(++i < c.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else {
            scalar(sb, v);
        }
    }

    private static void writeCompact(StringBuilder sb, Object v) {
        v = unwrap(v);
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                writeCompact(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) sb.append(',');
                first = false;
                writeCompact(sb, item);
            }
            sb.append(']');
        } else {
            scalar(sb, v);
        }
    }

    private static Object unwrap(Object v) {
        if (v instanceof JsonValue jv) return jv.toJson();
        if (v instanceof Object[] arr) return List.of(arr);
        return v;
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    private static void scalar(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Boolean b) sb.append(b.booleanValue());
        else if (v instanceof Double || v instanceof Float) sb.append(number(((Number) v).doubleValue()));
        else if (v instanceof Number n) sb.append(n.longValue());
        else string(sb, v.toString());
    }

    /** Shortest round-trip decimal without exponent, like Go's float formatting in that range. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) return bd.toPlainString();
        return bd.toString().replace("E+", "e+").replace("E-", "e-");
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
