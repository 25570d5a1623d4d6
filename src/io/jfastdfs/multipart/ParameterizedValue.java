package io.jfastdfs.multipart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value shaped {@code value; name=token; name="quoted string"} (Content-Type,
 * Content-Disposition). Parameter names are lower-cased; the first of a repeated name wins.
 * Inside quotes only {@code \"} and {@code \\} are escapes: MSIE sends paths such as
 * {@code "C:\dev\a.txt"} with bare backslashes, which must arrive unchanged.
 */
record ParameterizedValue(String value, Map<String, String> params) {

    /** The part before the first ';', trimmed. */
    static String leadingValue(String header) {
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim();
    }

    /** @throws MultipartException with {@code malformedMessage} when the parameters don't parse */
    static ParameterizedValue parse(String header, String malformedMessage) throws MultipartException {
        Map<String, String> params = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i = skipBlanks(header, i + 1); // past the ';'
            if (i == header.length() || header.charAt(i) == ';') continue;
            int eq = header.indexOf('=', i);
            int semi = header.indexOf(';', i);
            if (eq < 0 || (semi >= 0 && semi < eq)) throw new MultipartException(malformedMessage);
            String name = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) throw new MultipartException(malformedMessage);
            i = skipBlanks(header, eq + 1);
            String value;
            if (i < header.length() && header.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i = readQuoted(header, i + 1, quoted, malformedMessage);
                value = quoted.toString();
                i = skipBlanks(header, i);
                if (i < header.length() && header.charAt(i) != ';') throw new MultipartException(malformedMessage);
            } else {
                // Lenient token: everything up to the next ';' (some clients send raw UTF-8 or spaces unquoted).
                int end = header.indexOf(';', i);
                if (end < 0) end = header.length();
                value = header.substring(i, end).trim();
                i = end;
            }
            params.putIfAbsent(name, value);
        }
        return new ParameterizedValue(leadingValue(header), Collections.unmodifiableMap(params));
    }

    /** Reads a quoted string whose opening quote is before {@code i}; returns the index after the closing quote. */
    private static int readQuoted(String s, int i, StringBuilder out, String malformedMessage)
            throws MultipartException {
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') return i + 1;
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c == '\\' && (next == '"' || next == '\\')) c = s.charAt(++i);
            out.append(c);
        }
        throw new MultipartException(malformedMessage);
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
