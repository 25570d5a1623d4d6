package io.jfastdfs.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 7239 {@code Forwarded} header: comma-separated elements of {@code ;}-separated {@code name=value}
 * pairs, values as tokens or quoted strings (which may contain {@code , ;}). Parsing never fails.
 */
final class Forwarded {
    private Forwarded() {}

    /**
     * One map per element, parameter names lower-cased, values unquoted, the first occurrence of a name
     * winning. Empty list elements are skipped (RFC 7230 §7); an element with text but no valid pair stays
     * as an empty map, so a caller walking the chain sees that a hop is unknown.
     */
    static List<Map<String, String>> parse(String header) {
        List<Map<String, String>> elements = new ArrayList<>();
        Map<String, String> element = new HashMap<>();
        StringBuilder pair = new StringBuilder();
        boolean quoted = false;
        boolean content = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\\' && i + 1 < header.length()) c = header.charAt(++i);
                    pair.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                content = true;
            } else if (c == ';' || c == ',') {
                addPair(element, pair);
                if (c == ',') {
                    if (content) elements.add(element);
                    element = new HashMap<>();
                    content = false;
                }
            } else {
                pair.append(c);
                content |= !Character.isWhitespace(c);
            }
        }
        addPair(element, pair);
        if (content) elements.add(element);
        return elements;
    }

    private static void addPair(Map<String, String> element, StringBuilder pair) {
        String p = pair.toString();
        pair.setLength(0);
        int eq = p.indexOf('=');
        if (eq <= 0) return;
        String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        element.putIfAbsent(name, p.substring(eq + 1).strip());
    }
}
