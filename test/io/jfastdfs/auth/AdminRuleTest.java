package io.jfastdfs.auth;

import static io.jfastdfs.auth.IpRuleTest.ip;
import static io.jfastdfs.auth.IpRuleTest.mapped;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminRuleTest {
    private static AdminRule rule(String... adminIps) {
        return new AdminRule(List.of(adminIps), Set.of(), Set.of());
    }

    @Test
    void onlyLoopbackOneIsImplicitlyAdmin() {
        AdminRule r = rule();
        assertTrue(r.isAdmin(ip("127.0.0.1")));
        assertTrue(r.isAdmin(ip("::1")));
        assertFalse(r.isAdmin(ip("127.0.0.2")));
        assertFalse(r.isAdmin(ip("10.0.0.1")));
        assertFalse(r.isAdmin(null));
    }

    @Test
    void adminIpsMatchExactlyOrByCidr() {
        AdminRule r = rule("10.0.0.1", "192.0.2.0/24", "2001:db8::/48");
        assertTrue(r.isAdmin(ip("10.0.0.1")));
        assertFalse(r.isAdmin(ip("10.0.0.12")));
        assertTrue(r.isAdmin(ip("192.0.2.200")));
        assertFalse(r.isAdmin(ip("192.0.3.1")));
        assertTrue(r.isAdmin(ip("2001:db8:0:ffff::1")));
        assertFalse(r.isAdmin(ip("2001:db8:1::1")));
    }

    @Test
    void zeroAddressAdmitsPrivateRangesButNotAllIpv6() {
        AdminRule r = rule("0.0.0.0");
        for (String yes : new String[] {"127.0.0.2", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.1.1", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1"}) {
            assertTrue(r.isAdmin(ip(yes)), yes);
        }
        for (String no : new String[] {"172.32.0.1", "8.8.8.8", "2001:db8::1", "fec0::1", "::2", "0.0.0.1"}) {
            assertFalse(r.isAdmin(ip(no)), no);
        }
        assertFalse(rule().isAdmin(ip("10.1.2.3")));
    }

    @Test
    void ownAndPeerAddressesMatchExactly() {
        AdminRule r = new AdminRule(List.of(), Set.of(ip("192.0.2.5")), Set.of(ip("10.0.0.1"), ip("127.0.0.2")));
        assertTrue(r.isAdmin(ip("192.0.2.5")));
        assertTrue(r.isAdmin(ip("10.0.0.1")));
        assertTrue(r.isAdmin(ip("127.0.0.2")));
        assertFalse(r.isAdmin(ip("10.0.0.12")));
        assertFalse(r.isAdmin(ip("127.0.0.3")));
    }

    @Test
    void mappedIpv6ClientCountsAsIpv4() throws Exception {
        AdminRule r = new AdminRule(List.of("10.0.0.1"), Set.of(), Set.of(mapped("10.9.9.9")));
        assertTrue(r.isAdmin(mapped("10.0.0.1")));
        assertTrue(r.isAdmin(mapped("127.0.0.1")));
        assertTrue(r.isAdmin(ip("10.9.9.9")));
        assertFalse(r.isAdmin(mapped("10.0.0.12")));
    }

    @Test
    void invalidAdminIpIsAStartupErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rule("127.0.0.1", "10.0.0.0/33"));
        assertTrue(e.getMessage().contains("10.0.0.0/33"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule("admin.example.com"));
    }
}
