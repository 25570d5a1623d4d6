package io.jfastdfs.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The blocks of a PEM file (RFC 7468): label, RFC 1421 header lines (legacy encryption), DER bytes. */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    record Block(String label, List<String> headers, byte[] der) {}

    /** Every block of {@code text}; text outside blocks (comments, openssl's "Bag Attributes") is skipped. */
    static List<Block> parse(String text) {
        List<Block> out = new ArrayList<>();
        String label = null;
        List<String> headers = new ArrayList<>();
        StringBuilder b64 = new StringBuilder();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES)) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    headers = new ArrayList<>();
                    b64.setLength(0);
                }
            } else if (line.startsWith(END)) {
                String end = line.substring(END.length(), Math.max(END.length(), line.length() - DASHES.length()));
                if (!end.equals(label)) throw new IllegalArgumentException("PEM block \"" + label + "\" ends as \"" + end + "\"");
                out.add(new Block(label, List.copyOf(headers), decode(label, b64.toString())));
                label = null;
            } else if (line.contains(":") && b64.isEmpty()) {
                headers.add(line);
            } else {
                b64.append(line);
            }
        }
        if (label != null) throw new IllegalArgumentException("PEM block \"" + label + "\" has no END line");
        return out;
    }

    private static byte[] decode(String label, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block \"" + label + "\" is not valid base64");
        }
    }
}
