package io.jfastdfs.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The jfastdfs admin rule of API.md §1.7. Unlike go-fastdfs it compares addresses, not strings:
 * only 127.0.0.1 and ::1 are implicitly admin (127.0.0.2 is not), and a peer counts only when its
 * resolved IP equals the client's exactly.
 */
public final class AdminRule {
    /** The {@code 0.0.0.0} switch: private and local ranges, not every IPv6 address as go-fastdfs had it. */
    private static final IpMatcher PRIVATE_NETS = IpMatcher.of(List.of("127.0.0.0/8", "10.0.0.0/8",
            "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "::1", "fc00::/7", "fe80::/10"));
    private static final IpMatcher LOOPBACK = IpMatcher.of(List.of("127.0.0.1", "::1"));
    private static final String PRIVATE_SWITCH = "0.0.0.0";

    private final IpMatcher adminIps;
    private final boolean privateNets;
    private final Set<InetAddress> exact = new HashSet<>();

    /**
     * @param adminIps       {@code admin_ips} entries: addresses, CIDRs, or {@code 0.0.0.0} for private ranges
     * @param ownAddresses   the IPs of this node's own {@code host}/{@code addr}
     * @param peerAddresses  the resolved IPs of the configured peers' hosts
     * @throws IllegalArgumentException naming an invalid {@code admin_ips} entry
     */
    public AdminRule(List<String> adminIps, Set<InetAddress> ownAddresses, Set<InetAddress> peerAddresses) {
        List<String> entries = new ArrayList<>(adminIps.size());
        boolean privateSwitch = false;
        for (String e : adminIps) {
            if (e != null && e.strip().equals(PRIVATE_SWITCH)) privateSwitch = true;
            else entries.add(e);
        }
        this.adminIps = IpMatcher.of(entries);
        this.privateNets = privateSwitch;
        for (InetAddress a : ownAddresses) exact.add(IpLiteral.normalize(a));
        for (InetAddress a : peerAddresses) exact.add(IpLiteral.normalize(a));
    }

    /** Whether {@code clientIp} (per §1.8) may call admin-only endpoints. */
    public boolean isAdmin(InetAddress clientIp) {
        if (clientIp == null) return false;
        return LOOPBACK.matches(clientIp)
                || adminIps.matches(clientIp)
                || (privateNets && PRIVATE_NETS.matches(clientIp))
                || exact.contains(IpLiteral.normalize(clientIp));
    }
}
