package io.jfastdfs.json;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON parser into LinkedHashMap / ArrayList / String / Long / Double / Boolean / null.
 * Errors are {@link JsonException} with the offset, so config errors can name where they are.
 */
final class JsonParser {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;

    JsonParser(String s) {
        this.s = s;
    }

    Object parseDocument() {
        skipWs();
        Object v = value(0);
        skipWs();
        if (pos != s.length()) throw error("unexpected text after the value");
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting too deep");
        if (pos >= s.length()) throw error("unexpected end of input");
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipWs();
        if (peek() == '}') { pos++; return m; }
        while (true) {
            skipWs();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            m.put(key, value(depth + 1));
            skipWs();
            char c = next();
            if (c == '}') return m;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        pos++;
        skipWs();
        if (peek() == ']') { pos++; return l; }
        while (true) {
            skipWs();
            l.add(value(depth + 1));
            skipWs();
            char c = next();
            if (c == ']') return l;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') { sb.append(c); continue; }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    // HexFormat takes ASCII hex digits only; Integer.parseInt would also take "+1F" or "-001".
                    if (pos + 4 > s.length() || !s.substring(pos, pos + 4).chars().allMatch(HexFormat::isHexDigit)) {
                        throw error("bad \\u escape");
                    }
                    sb.append((char) HexFormat.fromHexDigits(s, pos, pos + 4));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    /** RFC 8259 numbers: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, as Go's decoder takes them. */
    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (pos < s.length() && s.charAt(pos) == '0') pos++;
        else digits();
        boolean fraction = false;
        if (pos < s.length() && s.charAt(pos) == '.') { fraction = true; pos++; digits(); }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            fraction = true;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            digits();
        }
        String t = s.substring(start, pos);
        if (fraction) return Double.parseDouble(t);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException tooLong) {
            return Double.parseDouble(t);
        }
    }

    /** One or more ASCII digits (Character.isDigit would take other scripts' digits too). */
    private void digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
        if (pos == start) throw error("bad number");
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) throw error("unexpected text");
        pos += word.length();
        return v;
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') pos++;
            else break;
        }
    }

    private char peek() {
        if (pos >= s.length()) throw error("unexpected end of input");
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private JsonException error(String what) {
        int line = 1, col = 1;
        for (int i = 0; i < Math.min(pos, s.length()); i++) {
            if (s.charAt(i) == '\n') { line++; col = 1; } else col++;
        }
        return new JsonException(what + " at line " + line + ", column " + col);
    }
}
