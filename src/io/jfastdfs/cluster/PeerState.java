package io.jfastdfs.cluster;

import io.jfastdfs.ops.PeerHealth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this node knows about one peer, for status and for the dead-peer rule: a peer that fails a
 * call is down until it answers again, and while down it only gets a periodic probe (API.md §5.3
 * item 4). Counters are approximate snapshots, not transactional.
 */
final class PeerState {
    private volatile boolean up = true;
    private volatile long lastSeen;
    private volatile String lastError = "";
    private volatile long lastErrorAt;
    /** Events of the peer's log this node has not applied yet. */
    private volatile long backlog;
    /** Events of this node's log the peer has not read yet (from its last events call). */
    private volatile long behind;

    boolean up() {
        return up;
    }

    /** A successful exchange; returns true when the peer was down until now. */
    boolean reached() {
        lastSeen = System.currentTimeMillis() / 1000;
        boolean wasDown = !up;
        up = true;
        return wasDown;
    }

    /** The peer did not answer (connect refused, timeout); returns true when it was up until now. */
    boolean unreachable(String error) {
        failed(error);
        boolean wasUp = up;
        up = false;
        return wasUp;
    }

    /** The peer answered, but the exchange failed (bad status, corrupt bytes). */
    void failed(String error) {
        lastError = error;
        lastErrorAt = System.currentTimeMillis() / 1000;
    }

    void backlog(long n) {
        backlog = Math.max(0, n);
    }

    void behind(long n) {
        behind = Math.max(0, n);
    }

    long backlog() {
        return backlog;
    }

    long behind() {
        return behind;
    }

    PeerHealth health(String url) {
        return new PeerHealth(url, up, backlog, behind, lastSeen);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", up);
        m.put("backlog", backlog);
        m.put("behind", behind);
        m.put("lastSeen", lastSeen);
        m.put("lastError", lastError);
        m.put("lastErrorAt", lastErrorAt);
        return m;
    }
}
