package io.jfastdfs.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * The {@code Content-Disposition: form-data; name=...; filename=...} header of one part.
 * {@code filename*} (RFC 5987/2231 {@code charset'lang'pct-encoded}) wins over {@code filename} when it
 * decodes; the plain {@code filename} is kept exactly as sent (browsers and curl send raw UTF-8).
 *
 * @param filename null when the part has none, "" when the client sent {@code filename=""}
 */
record ContentDisposition(String name, String filename) {
    private static final String MALFORMED = "malformed multipart Content-Disposition";

    static ContentDisposition parse(String header) throws MultipartException {
        ParameterizedValue v = ParameterizedValue.parse(header, MALFORMED);
        if (!v.value().equalsIgnoreCase("form-data")) throw new MultipartException("multipart part isn't form-data");
        String name = v.params().get("name");
        if (name == null) throw new MultipartException("multipart part has no name");
        String extended = v.params().get("filename*");
        String decoded = extended == null ? null : decodeExtendedValue(extended);
        return new ContentDisposition(name, decoded != null ? decoded : v.params().get("filename"));
    }

    /** Null when malformed or in an unknown charset, so the plain filename applies. */
    private static String decodeExtendedValue(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) return null;
        Charset charset;
        try {
            charset = Charset.forName(v.substring(0, q1).trim());
        } catch (IllegalArgumentException unknownOrIllegalName) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
        for (int i = q2 + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                // ASCII hex only: Character.digit would also read full-width or Arabic-Indic digits.
                if (i + 2 >= v.length() || !HexFormat.isHexDigit(v.charAt(i + 1))
                        || !HexFormat.isHexDigit(v.charAt(i + 2))) {
                    return null;
                }
                bytes.write(HexFormat.fromHexDigits(v, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(charset);
    }
}
