package io.jfastdfs.auth;

/**
 * RFC 4648 base32 with the standard alphabet, as Google Authenticator secrets use it.
 * Decoding is lenient where authenticator apps are (lower case, spaces between groups, missing
 * {@code =} padding; go-fastdfs demanded the padding) and strict about everything else.
 * Error messages never echo the input: it is usually a secret.
 */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {}

    /** Encodes with {@code =} padding to a multiple of 8 characters (none when the length is a multiple of 5). */
    public static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        while (sb.length() % 8 != 0) sb.append('=');
        return sb.toString();
    }

    /**
     * Decodes case-insensitively, ignoring spaces; padding may be omitted, but when present it must be complete.
     *
     * @throws IllegalArgumentException for a foreign character, misplaced or partial padding, or a length no
     *         byte sequence encodes to
     */
    public static byte[] decode(String text) {
        String s = text.replace(" ", "");
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') end--;
        int padding = s.length() - end;
        int rest = end % 8;
        if (rest == 1 || rest == 3 || rest == 6) throw new IllegalArgumentException("illegal base32 length");
        if (padding > 0 && padding != (8 - rest) % 8) throw new IllegalArgumentException("illegal base32 padding");
        byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < end; i++) {
            int v = value(s.charAt(i));
            if (v < 0) throw new IllegalArgumentException("illegal base32 character at position " + i);
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= '2' && c <= '7') return c - '2' + 26;
        return -1;
    }
}
