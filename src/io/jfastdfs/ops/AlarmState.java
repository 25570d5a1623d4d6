package io.jfastdfs.ops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns periodic check results into the changes worth an alarm (API.md §6.1): a peer is down after
 * {@link #FAILURES_FOR_DOWN} consecutive failed checks and recovered at its first answer after that;
 * a condition (disk low, a config conflict) alarms when it starts to hold, and again only after it
 * stopped holding in between. Used by one thread.
 */
final class AlarmState {
    static final int FAILURES_FOR_DOWN = 2;

    enum Change { NONE, DOWN, RECOVERED }

    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private final Set<String> holding = new HashSet<>();

    Change failed(String peer) {
        int n = failures.merge(peer, 1, Integer::sum);
        if (n == FAILURES_FOR_DOWN) {
            down.add(peer);
            return Change.DOWN;
        }
        return Change.NONE;
    }

    Change answered(String peer) {
        failures.remove(peer);
        return down.remove(peer) ? Change.RECOVERED : Change.NONE;
    }

    /** Forgets peers no longer configured, so a peer added back starts clean. */
    void retainPeers(Set<String> peers) {
        failures.keySet().retainAll(peers);
        down.retainAll(peers);
    }

    /**
     * The conditions of {@code kind} that hold now but did not at the last call; those that stopped
     * holding are forgotten, so they alarm again when they return.
     */
    Set<String> started(String kind, Set<String> nowHolding) {
        String prefix = kind + "\n";
        holding.removeIf(k -> k.startsWith(prefix) && !nowHolding.contains(k.substring(prefix.length())));
        Set<String> fresh = new HashSet<>();
        for (String c : nowHolding) if (holding.add(prefix + c)) fresh.add(c);
        return fresh;
    }
}
