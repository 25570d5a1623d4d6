package io.jfastdfs.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A list of {@link IpRule}s; an address matches when any rule does. */
public final class IpMatcher {
    private static final IpMatcher NONE = new IpMatcher(List.of());

    private final List<IpRule> rules;

    private IpMatcher(List<IpRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses every entry (see {@link IpRule#parse}).
     *
     * @throws IllegalArgumentException naming the first invalid entry
     */
    public static IpMatcher of(Collection<String> entries) {
        List<IpRule> rules = new ArrayList<>(entries.size());
        for (String e : entries) rules.add(IpRule.parse(e));
        return new IpMatcher(rules);
    }

    /** Matches nothing (e.g. {@code trusted_proxies: []}). */
    public static IpMatcher none() {
        return NONE;
    }

    public boolean matches(InetAddress address) {
        for (IpRule r : rules) if (r.matches(address)) return true;
        return false;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
