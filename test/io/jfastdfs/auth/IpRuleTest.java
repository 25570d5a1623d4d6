package io.jfastdfs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRuleTest {
    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }

    static InetAddress mapped(String v4) throws Exception {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(ip(v4).getAddress(), 0, b, 12, 4);
        return Inet6Address.getByAddress(null, b, null);
    }

    @Test
    void exactEntryDoesNotMatchNearPrefix() {
        IpRule rule = IpRule.parse("10.0.0.1");
        assertTrue(rule.matches(ip("10.0.0.1")));
        assertFalse(rule.matches(ip("10.0.0.12")));
        assertFalse(rule.matches(ip("10.0.0.10")));
        assertFalse(rule.matches(ip("110.0.0.1")));
    }

    @Test
    void cidrContainment() {
        IpRule rule = IpRule.parse("10.0.0.0/8");
        assertTrue(rule.matches(ip("10.0.0.0")));
        assertTrue(rule.matches(ip("10.255.255.255")));
        assertFalse(rule.matches(ip("11.0.0.0")));
        assertFalse(rule.matches(ip("9.255.255.255")));
        IpRule odd = IpRule.parse("172.16.0.0/12");
        assertTrue(odd.matches(ip("172.31.255.255")));
        assertFalse(odd.matches(ip("172.32.0.0")));
        assertFalse(odd.matches(ip("172.15.255.255")));
        assertTrue(IpRule.parse("0.0.0.0/0").matches(ip("8.8.8.8")));
        assertFalse(IpRule.parse("0.0.0.0/0").matches(ip("::1")));
    }

    @Test
    void ipv6CidrAndFamiliesStaySeparate() {
        IpRule ula = IpRule.parse("fc00::/7");
        assertTrue(ula.matches(ip("fc00::1")));
        assertTrue(ula.matches(ip("fdff:ffff::1")));
        assertFalse(ula.matches(ip("fe00::1")));
        assertFalse(ula.matches(ip("10.0.0.1")));
        assertFalse(IpRule.parse("::/0").matches(ip("10.0.0.1")));
        assertTrue(IpRule.parse("::/0").matches(ip("2001:db8::1")));
    }

    @Test
    void ipv6SpellingsAreNormalised() {
        assertEquals(IpRule.parse("::1"), IpRule.parse("0:0:0:0:0:0:0:1"));
        assertEquals(IpRule.parse("2001:DB8::1"), IpRule.parse("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertTrue(IpRule.parse("0:0:0:0:0:0:0:1").matches(ip("::1")));
        assertEquals("::1", IpRule.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("fc00::/7", IpRule.parse("fc00::/7").toString());
        assertEquals("10.0.0.0/8", IpRule.parse("10.1.2.3/8").toString());
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() throws Exception {
        InetAddress m = mapped("10.0.0.1");
        assertTrue(m instanceof Inet6Address, "test needs a real Inet6Address");
        assertTrue(IpRule.parse("10.0.0.1").matches(m));
        assertTrue(IpRule.parse("10.0.0.0/8").matches(m));
        assertFalse(IpRule.parse("10.0.0.2").matches(m));
        assertTrue(IpRule.parse("::ffff:10.0.0.1").matches(ip("10.0.0.1")));
        assertTrue(IpRule.parse("::ffff:10.0.0.0/104").matches(ip("10.9.9.9")));
        assertEquals(IpRule.parse("10.0.0.0/8"), IpRule.parse("::ffff:a00:0/104"));
    }

    @Test
    void invalidEntriesAreRejectedByName() {
        for (String bad : new String[] {"", " ", "localhost", "example.com", "10.0.0", "10.0.0.256", "010.0.0.1",
                "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "10.0.0.1/+8", "::1/129", "1:2:3:4:5:6:7:8:9",
                "1::2::3", ":::", "12345::", "fe80::1%eth0", "10.0.0.1/8/8", "[::1]", "10.0.0.1:80", "1.2.3.4.5",
                "\u0661.2.3.4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpRule.parse(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> IpRule.parse(null));
    }

    @Test
    void literalParserAcceptsEveryIpv6Form() {
        assertEquals(ip("0:0:0:0:0:0:0:0"), ip("::"));
        assertEquals(ip("1:0:0:0:0:0:0:0"), ip("1::"));
        assertEquals(ip("1:2:3:4:5:6:7:0"), ip("1:2:3:4:5:6:7::"));
        assertEquals(ip("0:2:3:4:5:6:7:8"), ip("::2:3:4:5:6:7:8"));
        assertEquals(ip("1:2:3:4:5:6:102:304"), ip("1:2:3:4:5:6:1.2.3.4"));
        assertTrue(ip("::ffff:1.2.3.4") instanceof Inet4Address);
        assertEquals(ip("::102:304"), ip("::1.2.3.4"));
        assertTrue(IpLiteral.parse("1:2:3:4:5:6:7:8::").isEmpty());
        assertTrue(IpLiteral.parse(":1:2:3:4:5:6:7").isEmpty());
        assertTrue(IpLiteral.parse("::1.2.3").isEmpty());
    }

    @Test
    void formatsIpv6PerRfc5952() {
        assertEquals("::1", IpLiteral.format(ip("0:0:0:0:0:0:0:1")));
        assertEquals("::", IpLiteral.format(ip("::")));
        assertEquals("2001:db8::1", IpLiteral.format(ip("2001:DB8:0:0:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpLiteral.format(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", IpLiteral.format(ip("2001:0:0:1:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", IpLiteral.format(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("1::", IpLiteral.format(ip("1:0:0:0:0:0:0:0")));
        assertEquals("10.0.0.1", IpLiteral.format(ip("::ffff:10.0.0.1")));
    }

    @Test
    void matcherMatchesAnyRuleAndNoneMatchesNothing() {
        IpMatcher m = IpMatcher.of(List.of("10.0.0.1", "192.168.0.0/16", "2001:db8::/32"));
        assertTrue(m.matches(ip("10.0.0.1")));
        assertTrue(m.matches(ip("192.168.7.7")));
        assertTrue(m.matches(ip("2001:db8:1::1")));
        assertFalse(m.matches(ip("10.0.0.12")));
        assertFalse(m.matches(null));
        assertFalse(IpMatcher.none().matches(ip("127.0.0.1")));
        assertTrue(IpMatcher.none().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpMatcher.of(List.of("10.0.0.1", "10.0.0.0/99")));
        assertTrue(e.getMessage().contains("10.0.0.0/99"));
    }
}
