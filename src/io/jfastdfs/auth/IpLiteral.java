package io.jfastdfs.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * IP address literals without DNS. {@link InetAddress#getByName} resolves anything that is not a literal,
 * so a config entry or a forwarded header could make the server query DNS (slow, and attacker-steerable);
 * this parser accepts literals only. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are treated
 * as the IPv4 address everywhere.
 */
public final class IpLiteral {
    private IpLiteral() {}

    /** A bare IPv4 (strict dotted quad, no leading zeros) or IPv6 literal; no brackets, port or zone. */
    public static Optional<InetAddress> parse(String text) {
        byte[] bytes = parseBytes(text);
        return bytes == null ? Optional.empty() : Optional.of(of(bytes));
    }

    /** The same address without host name or scope, IPv4-mapped IPv6 turned into IPv4. */
    public static InetAddress normalize(InetAddress address) {
        return of(canonicalBytes(address));
    }

    /** IPv4 dotted quad, or IPv6 in RFC 5952 form ({@code ::1}, lower case, longest zero run compressed). */
    public static String format(InetAddress address) {
        byte[] b = canonicalBytes(address);
        if (b.length == 4) return of(b).getHostAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** 4 or 16 bytes, mapped IPv6 reduced to its IPv4 address. */
    static byte[] canonicalBytes(InetAddress address) {
        byte[] b = address.getAddress();
        return isMapped(b) ? Arrays.copyOfRange(b, 12, 16) : b;
    }

    static boolean isMapped(byte[] b) {
        if (b.length != 16 || b[10] != (byte) 0xff || b[11] != (byte) 0xff) return false;
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return true;
    }

    /** 4 or 16 bytes as written (mapped IPv6 stays 16 bytes), or null when {@code s} is no literal. */
    static byte[] parseBytes(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) return null;
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    static boolean isDigits(String s, int radix) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9')
                    || (radix == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) return false; // Character.digit would also accept non-ASCII digits
        }
        return true;
    }

    static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // only checks the length, never resolves
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IP address must have 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // Leading zeros are refused: some parsers read them as octal.
            if (p.length() > 3 || !isDigits(p, 10) || (p.length() > 1 && p.charAt(0) == '0')) return null;
            int v = Integer.parseInt(p);
            if (v > 255) return null;
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            // Trailing dotted quad (::ffff:1.2.3.4): rewrite as two hex groups and parse uniformly.
            byte[] v4 = parseV4(tail);
            if (v4 == null) return null;
            s = s.substring(0, lastColon + 1)
                    + Integer.toHexString(((v4[0] & 0xff) << 8) | (v4[1] & 0xff)) + ':'
                    + Integer.toHexString(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null;
        String[] head = gap < 0 ? s.split(":", -1) : groups(s.substring(0, gap));
        String[] rest = gap < 0 ? new String[0] : groups(s.substring(gap + 2));
        int total = head.length + rest.length;
        if (gap < 0 ? total != 8 : total > 7) return null;
        byte[] out = new byte[16];
        if (!fill(out, head, 0) || !fill(out, rest, 16 - 2 * rest.length)) return null;
        return out;
    }

    private static String[] groups(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static boolean fill(byte[] out, String[] groups, int offset) {
        for (String g : groups) {
            if (g.length() > 4 || !isDigits(g, 16)) return false;
            int v = Integer.parseInt(g, 16);
            out[offset++] = (byte) (v >>> 8);
            out[offset++] = (byte) v;
        }
        return true;
    }
}
