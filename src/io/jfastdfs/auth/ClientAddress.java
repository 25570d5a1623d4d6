package io.jfastdfs.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The client behind a request, API.md §1.8. Forwarding headers are believed only when the TCP peer is
 * in {@code trusted_proxies}; otherwise they are ignored for every purpose, display included, so a
 * client cannot make itself look like 127.0.0.1 (go-fastdfs issue #394).
 */
public final class ClientAddress {
    /** Host names, IPv4 or bracketed IPv6, optional port; nothing that could smuggle markup or a path into URLs. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");

    /**
     * @param ip               the client address (IPv4-mapped IPv6 reduced to IPv4)
     * @param display          its text for messages and logs ({@code ::1} style for IPv6)
     * @param viaTrustedProxy  the TCP peer is a trusted proxy, so forwarding headers were consulted
     * @param forwardedProto   {@code http} or {@code https} as the trusted proxy reported it, else null
     * @param forwardedHost    the host (and port) the client addressed, as the trusted proxy reported it, else null
     */
    public record Resolved(InetAddress ip, String display, boolean viaTrustedProxy, String forwardedProto,
                           String forwardedHost) {}

    private ClientAddress() {}

    /**
     * @param header returns a request header's value by case-insensitive name, or null; when a header occurs
     *               several times the values must be joined with {@code ","} in order
     */
    public static Resolved resolve(InetAddress tcpPeer, Function<String, String> header, IpMatcher trustedProxies) {
        InetAddress peer = IpLiteral.normalize(Objects.requireNonNull(tcpPeer, "tcpPeer"));
        if (!trustedProxies.matches(peer)) return new Resolved(peer, IpLiteral.format(peer), false, null, null);

        String xff = header.apply("X-Forwarded-For");
        String forwardedHeader = header.apply("Forwarded");
        List<Map<String, String>> forwarded = isBlank(forwardedHeader) ? List.of() : Forwarded.parse(forwardedHeader);
        List<String> hops = isBlank(xff) ? forValues(forwarded) : listValues(xff);
        InetAddress ip = rightmostUntrusted(hops, trustedProxies);
        if (ip == null) ip = parseNode(header.apply("X-Real-IP"));
        if (ip == null) ip = peer;

        String proto = firstOr(header.apply("X-Forwarded-Proto"), forwarded, "proto");
        if (proto != null) proto = proto.toLowerCase(Locale.ROOT);
        if (!"http".equals(proto) && !"https".equals(proto)) proto = null;
        String host = firstOr(header.apply("X-Forwarded-Host"), forwarded, "host");
        if (!isHost(host)) host = null;
        return new Resolved(ip, IpLiteral.format(ip), true, proto, host);
    }

    /** Whether a Host or forwarded host value is fit to build URLs from (null is not). */
    static boolean isHost(String host) {
        return host != null && host.length() <= 261 && HOST.matcher(host).matches();
    }

    /**
     * Walks the hops right to left past trusted proxies. The first hop that is not parsable ends the walk
     * with no answer: whatever stands left of it was written by an unknown party and may be forged.
     */
    private static InetAddress rightmostUntrusted(List<String> hops, IpMatcher trustedProxies) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parseNode(hops.get(i));
            if (hop == null) return null;
            if (!trustedProxies.matches(hop)) return hop;
        }
        return null;
    }

    /**
     * A hop as proxies write it: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code 2001:db8::1},
     * {@code [2001:db8::1]:4711}, optionally in quotes. Null for anything else ({@code unknown},
     * {@code _hidden}, host names: never resolved).
     */
    static InetAddress parseNode(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0 || !isPortSuffix(v.substring(close + 1))) return null;
            v = v.substring(1, close);
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            int colon = v.indexOf(':');
            if (!isPortSuffix(v.substring(colon))) return null;
            v = v.substring(0, colon);
        }
        return IpLiteral.parse(v).map(IpLiteral::normalize).orElse(null);
    }

    private static boolean isPortSuffix(String s) {
        if (s.isEmpty()) return true;
        String port = s.substring(1);
        return s.charAt(0) == ':' && port.length() <= 5 && IpLiteral.isDigits(port, 10)
                && Integer.parseInt(port) <= 65535;
    }

    /** X-Forwarded-* lists; empty elements are list syntax, not hops (RFC 7230 §7). */
    private static List<String> listValues(String header) {
        List<String> out = new ArrayList<>();
        for (String part : header.split(",")) if (!part.isBlank()) out.add(part.strip());
        return out;
    }

    /** An element without {@code for=} is an unknown hop: kept as "" so the walk stops there. */
    private static List<String> forValues(List<Map<String, String>> forwarded) {
        List<String> out = new ArrayList<>(forwarded.size());
        for (Map<String, String> element : forwarded) out.add(element.getOrDefault("for", ""));
        return out;
    }

    /**
     * The first (client-side) value of an X-Forwarded-* header, or when that header is absent the first
     * {@code Forwarded} element carrying {@code name}.
     */
    private static String firstOr(String xHeader, List<Map<String, String>> forwarded, String name) {
        if (!isBlank(xHeader)) {
            List<String> values = listValues(xHeader);
            return values.isEmpty() ? null : values.get(0);
        }
        for (Map<String, String> element : forwarded) {
            String v = element.get(name);
            if (v != null) return v;
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
