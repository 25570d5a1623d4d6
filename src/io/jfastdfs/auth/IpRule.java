package io.jfastdfs.auth;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One address or CIDR from {@code admin_ips} / {@code trusted_proxies}. Matching compares bytes, never
 * strings, so {@code 10.0.0.1} does not match {@code 10.0.0.12} (go-fastdfs's prefix bug) and
 * {@code ::1} equals {@code 0:0:0:0:0:0:0:1}. An IPv4-mapped IPv6 entry or address counts as IPv4.
 */
public final class IpRule {
    private final byte[] network;
    private final int prefix;

    private IpRule(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address} or {@code address/prefix} (surrounding blanks ignored). Host bits of a CIDR are
     * cleared, as Go's ParseCIDR does ({@code 10.1.2.3/8} = {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException naming the entry when it is not an IP literal or CIDR
     */
    public static IpRule parse(String entry) {
        if (entry == null) throw invalid(null);
        String s = entry.strip();
        int slash = s.indexOf('/');
        byte[] addr = IpLiteral.parseBytes(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) throw invalid(entry);
        int prefix = addr.length * 8;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.length() > 3 || !IpLiteral.isDigits(p, 10)) throw invalid(entry);
            prefix = Integer.parseInt(p);
            if (prefix > addr.length * 8) throw invalid(entry);
        }
        if (IpLiteral.isMapped(addr) && prefix >= 96) {
            addr = Arrays.copyOfRange(addr, 12, 16);
            prefix -= 96;
        }
        for (int bit = prefix; bit < addr.length * 8; bit++) addr[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        return new IpRule(addr, prefix);
    }

    /** True iff the address (same family after mapping IPv4-mapped IPv6 to IPv4) lies in this rule. */
    public boolean matches(InetAddress address) {
        if (address == null) return false;
        byte[] b = IpLiteral.canonicalBytes(address);
        if (b.length != network.length) return false;
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) if (b[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (b[whole] & mask) == (network[whole] & 0xff);
    }

    /** Canonical text: the address alone for a single host, else {@code network/prefix}. */
    @Override
    public String toString() {
        String a = IpLiteral.format(IpLiteral.of(network));
        return prefix == network.length * 8 ? a : a + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRule r && prefix == r.prefix && Arrays.equals(network, r.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("invalid IP address or CIDR: \"" + entry + "\"");
    }
}
