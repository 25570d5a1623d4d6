package io.jfastdfs.auth;

import static io.jfastdfs.auth.IpRuleTest.ip;
import static io.jfastdfs.auth.IpRuleTest.mapped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final IpMatcher PROXIES = IpMatcher.of(List.of("10.0.0.0/8", "::1"));
    private static final InetAddress PROXY = ip("10.0.0.2");

    /** Case-insensitive lookup like the JDK server's Headers. */
    private static Function<String, String> headers(String... nameValue) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return m::get;
    }

    private static ClientAddress.Resolved viaProxy(String... nameValue) {
        return ClientAddress.resolve(PROXY, headers(nameValue), PROXIES);
    }

    @Test
    void forwardingHeadersFromUntrustedPeerAreIgnoredEvenForDisplay() {
        ClientAddress.Resolved r = ClientAddress.resolve(ip("203.0.113.9"), headers("X-Forwarded-For", "127.0.0.1",
                "X-Real-IP", "127.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "Forwarded", "for=127.0.0.1;proto=https"), PROXIES);
        assertEquals(ip("203.0.113.9"), r.ip());
        assertEquals("203.0.113.9", r.display());
        assertFalse(r.viaTrustedProxy());
        assertNull(r.forwardedProto());
        assertNull(r.forwardedHost());
        assertFalse(ClientAddress.resolve(PROXY, headers("X-Forwarded-For", "1.2.3.4"), IpMatcher.none())
                .viaTrustedProxy());
    }

    @Test
    void rightmostUntrustedForwardedForEntryIsTheClient() {
        ClientAddress.Resolved r = viaProxy("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.5");
        assertEquals(ip("198.51.100.7"), r.ip());
        assertEquals("198.51.100.7", r.display());
        assertTrue(r.viaTrustedProxy());
    }

    @Test
    void spoofedLeftmostEntryCannotImpersonateLoopback() {
        assertEquals(ip("198.51.100.7"), viaProxy("X-Forwarded-For", "127.0.0.1,198.51.100.7").ip());
    }

    @Test
    void allTrustedHopsFallBackToRealIpThenTcpPeer() {
        assertEquals(ip("198.51.100.8"), viaProxy("X-Forwarded-For", "10.0.0.7, 10.0.0.5",
                "X-Real-IP", "198.51.100.8").ip());
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "10.0.0.7").ip());
        assertEquals(ip("198.51.100.8"), viaProxy("X-Real-IP", " 198.51.100.8 ").ip());
        ClientAddress.Resolved bare = viaProxy();
        assertEquals(PROXY, bare.ip());
        assertEquals("10.0.0.2", bare.display());
        assertTrue(bare.viaTrustedProxy());
    }

    @Test
    void garbageHopEndsTheWalkBecauseEntriesLeftOfItAreUnvouched() {
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "6.6.6.6, unknown").ip());
        assertEquals(ip("198.51.100.8"), viaProxy("X-Forwarded-For", "6.6.6.6, not an ip",
                "X-Real-IP", "198.51.100.8").ip());
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "10.0.0.7, 10.0.0.5", "X-Real-IP", "garbage").ip());
        assertEquals(ip("198.51.100.7"), viaProxy("X-Forwarded-For", "garbage, 198.51.100.7").ip());
    }

    @Test
    void hostNamesAreNeverResolved() {
        long start = System.nanoTime();
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "localhost", "X-Real-IP", "dns-probe.invalid").ip());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "no DNS lookup");
    }

    @Test
    void emptyListElementsAreNotHops() {
        assertEquals(ip("198.51.100.7"), viaProxy("X-Forwarded-For", "198.51.100.7, ,10.0.0.5,").ip());
    }

    @Test
    void portsBracketsAndIpv6AreUnderstood() {
        assertEquals(ip("198.51.100.7"), viaProxy("X-Forwarded-For", "198.51.100.7:5678").ip());
        ClientAddress.Resolved v6 = viaProxy("X-Forwarded-For", "[2001:DB8:0:0::17]:4711");
        assertEquals(ip("2001:db8::17"), v6.ip());
        assertEquals("2001:db8::17", v6.display());
        assertEquals(ip("2001:db8::17"), viaProxy("X-Forwarded-For", "2001:db8::17").ip());
        assertEquals(ip("198.51.100.7"), viaProxy("X-Forwarded-For", "::ffff:198.51.100.7").ip());
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "198.51.100.7:99999").ip());
        assertEquals(PROXY, viaProxy("X-Forwarded-For", "[2001:db8::17").ip());
    }

    @Test
    void trustedMappedTcpPeerIsRecognised() throws Exception {
        ClientAddress.Resolved r = ClientAddress.resolve(mapped("10.0.0.2"), headers("X-Forwarded-For",
                "198.51.100.7"), PROXIES);
        assertTrue(r.viaTrustedProxy());
        assertEquals(ip("198.51.100.7"), r.ip());
        ClientAddress.Resolved direct = ClientAddress.resolve(mapped("203.0.113.9"), headers(), PROXIES);
        assertEquals("203.0.113.9", direct.display());
    }

    @Test
    void untrustedIpv6PeerIsDisplayedCompressed() {
        assertEquals("2001:db8::1", ClientAddress.resolve(ip("2001:db8:0:0:0:0:0:1"), headers(), PROXIES).display());
    }

    @Test
    void protoAndHostFromXForwardedHeaders() {
        ClientAddress.Resolved r = viaProxy("X-Forwarded-Proto", "HTTPS", "X-Forwarded-Host", "files.example.com:8443");
        assertEquals("https", r.forwardedProto());
        assertEquals("files.example.com:8443", r.forwardedHost());
        ClientAddress.Resolved chained = viaProxy("X-Forwarded-Proto", "https, http", "X-Forwarded-Host",
                "a.example, b.example");
        assertEquals("https", chained.forwardedProto());
        assertEquals("a.example", chained.forwardedHost());
        assertEquals("[2001:db8::1]:8080", viaProxy("X-Forwarded-Host", "[2001:db8::1]:8080").forwardedHost());
    }

    @Test
    void badProtoOrHostValuesAreDropped() {
        ClientAddress.Resolved r = viaProxy("X-Forwarded-Proto", "javascript", "X-Forwarded-Host",
                "evil.example/<script>");
        assertNull(r.forwardedProto());
        assertNull(r.forwardedHost());
        assertNull(viaProxy("X-Forwarded-Host", "a b").forwardedHost());
        assertNull(viaProxy("X-Forwarded-Host", "a.example:123456").forwardedHost());
        assertNull(viaProxy("X-Forwarded-Host", "x".repeat(300)).forwardedHost());
    }

    @Test
    void rfc7239ForwardedIsUsedWhenXHeadersAreAbsent() {
        ClientAddress.Resolved r = viaProxy("Forwarded",
                "for=192.0.2.43;proto=https;host=files.example.com, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.2");
        assertEquals(ip("2001:db8:cafe::17"), r.ip());
        assertEquals("https", r.forwardedProto());
        assertEquals("files.example.com", r.forwardedHost());

        ClientAddress.Resolved trustedLast = viaProxy("Forwarded", "For=192.0.2.43, for=10.0.0.9;proto=http");
        assertEquals(ip("192.0.2.43"), trustedLast.ip());
        assertEquals("http", trustedLast.forwardedProto());
    }

    @Test
    void xHeadersWinOverForwarded() {
        ClientAddress.Resolved r = viaProxy("X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "http",
                "Forwarded", "for=192.0.2.43;proto=https;host=f.example");
        assertEquals(ip("198.51.100.7"), r.ip());
        assertEquals("http", r.forwardedProto());
        assertEquals("f.example", r.forwardedHost());
    }

    @Test
    void forwardedElementWithoutUsableForEndsTheWalk() {
        assertEquals(PROXY, viaProxy("Forwarded", "for=192.0.2.43, for=unknown").ip());
        assertEquals(PROXY, viaProxy("Forwarded", "for=192.0.2.43, for=_hidden").ip());
        assertEquals(PROXY, viaProxy("Forwarded", "for=192.0.2.43, proto=https").ip());
        assertEquals(ip("192.0.2.43"), viaProxy("Forwarded", "for=192.0.2.43, , ").ip());
    }

    @Test
    void garbageForwardedHeaderNeverThrows() {
        for (String junk : new String[] {"", ";;;", ",,,", "=", "for=", "for=\"", "\"\\", "for=\"[::1\"",
                "a=b=c;for==", "for=\"1.2.3.4\\\"\"", "\u0000\u00ff;,="}) {
            ClientAddress.Resolved r = viaProxy("Forwarded", junk);
            assertEquals(PROXY, r.ip(), junk);
        }
    }

    @Test
    void forwardedQuotedStringsMayContainSeparators() {
        assertEquals(List.of(Map.of("for", "1.2.3.4", "x", "a,b;c"), Map.of("for", "5.6.7.8")),
                Forwarded.parse("for=1.2.3.4;x=\"a,b;c\", for=5.6.7.8"));
        assertEquals(List.of(Map.of("host", "a\"b")), Forwarded.parse("host=\"a\\\"b\""));
    }
}
