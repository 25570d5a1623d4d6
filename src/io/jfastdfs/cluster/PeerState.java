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
    /** Events of this node's log the peer has not read yet (as of its last read, or the log's end since). */
    private volatile long behind;
    /** Where the peer has read this node's log up to (its last events call); -1 until it first reads. */
    private long readUpTo = -1;
    /**
     * A watermark: this node's log ended at {@code markSeq} at {@code markTime} (Unix s). Until the peer
     * reads past the mark, it lacks what this node held at markTime; -1 while the peer is caught up.
     */
    private long markSeq = -1;
    private volatile long markTime;

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

    /**
     * The peer asked for this node's events after {@code after} while the log ends at {@code last}. Once it
     * reads past the mark and is still behind, the mark moves to the log's end now; so "behind since T"
     * always means the peer lacks something this node already held at T, never more than that.
     */
    synchronized void read(long after, long last, long nowSeconds) {
        readUpTo = after;
        behind = Math.max(0, last - after);
        if (after >= last) {
            markSeq = -1;
            markTime = 0;
        } else if (markSeq < 0 || after >= markSeq) {
            markSeq = last;
            markTime = nowSeconds;
        }
    }

    /**
     * This node's log now ends at {@code last}. A peer that stopped reading (down, stuck) lacks what
     * came since its last read: its count grows, and a mark is set when it had read everything before.
     * Before the peer's first read since this node started, nothing is known of it.
     */
    synchronized void logEndsAt(long last, long nowSeconds) {
        if (readUpTo < 0) return;
        behind = Math.max(0, last - readUpTo);
        if (last > readUpTo && markSeq < 0) {
            markSeq = last;
            markTime = nowSeconds;
        }
    }

    /** Unix s since which the peer lacks part of this node's log (0: it has read all of it). */
    long behindSince() {
        return markTime;
    }

    long backlog() {
        return backlog;
    }

    long behind() {
        return behind;
    }

    PeerHealth health(String url) {
        return new PeerHealth(url, up, backlog, behind, markTime, lastSeen);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", up);
        m.put("backlog", backlog);
        m.put("behind", behind);
        m.put("behindSince", markTime);
        m.put("lastSeen", lastSeen);
        m.put("lastError", lastError);
        m.put("lastErrorAt", lastErrorAt);
        return m;
    }
}
