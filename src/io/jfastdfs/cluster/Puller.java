package io.jfastdfs.cluster;

import io.jfastdfs.index.Event;
import io.jfastdfs.index.EventLog;
import io.jfastdfs.ops.AppLog;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pull replication from one peer (API.md §5.3): reads the peer's event log after a durable cursor,
 * applies each event (up to {@link #PARALLEL} transfers at once), and advances the cursor over the
 * events that are done. A nudge wakes it at once; without one it polls every 10 s. A peer
 * that does not answer is probed every {@link #PROBE_MILLIS}; other failures back off from 1 s to
 * 5 min, forever.
 */
final class Puller extends PeerLoop {
    static final int PAGE = 500;
    static final int PARALLEL = 4;
    static final long IDLE_POLL_MILLIS = 10_000;
    static final long PROBE_MILLIS = 10_000;

    private final PeerClient peer;
    private final EventLog log;
    private final Transfers transfers;
    private final AppLog appLog;
    private final Jobs jobs;
    private final Backoff backoff = new Backoff();
    private volatile boolean urgent;
    private boolean warnedUnsupported;

    Puller(PeerClient peer, EventLog log, Transfers transfers, AppLog appLog, Jobs jobs) {
        this.peer = peer;
        this.log = log;
        this.transfers = transfers;
        this.appLog = appLog;
        this.jobs = jobs;
    }

    /** Pull now even when backing off (sync: "ignore backoff"); {@link #wake()} pulls now unless backing off. */
    void kick() {
        urgent = true;
        wake();
    }

    @Override
    void run() {
        EventLog.Cursor cursor = log.cursor(peer.url());
        boolean down = false;
        while (!stopped()) {
            try {
                EventLog.Page page = peer.events(cursor.seq(), PAGE);
                if (down) appLog.info("peer " + peer.url() + " is reachable again");
                down = false;
                if (!page.epoch().equals(cursor.epoch()) || page.last() < cursor.seq()) {
                    boolean reread = cursor.seq() > 0;
                    if (!cursor.epoch().isEmpty()) {
                        appLog.info("peer " + peer.url() + " has a new event log; reading it from the start");
                    }
                    cursor = new EventLog.Cursor(page.epoch(), 0);
                    log.saveCursor(peer.url(), cursor);
                    if (reread) continue;
                }
                cursor = apply(page, cursor);
                peer.state().backlog(page.last() - cursor.seq());
                backoff.reset();
                if (page.events().size() == PAGE) continue; // more to read
                pause(IDLE_POLL_MILLIS, true);
            } catch (PeerClient.Itself e) {
                appLog.warn("peer " + peer.url() + " is this node itself: list this node in peers exactly as its"
                        + " host; not pulling from it");
                return;
            } catch (PeerClient.Unreachable e) {
                if (stopped()) return;
                if (!down) appLog.warn("peer " + peer.url() + " is down (" + e.getMessage() + "); probing every "
                        + PROBE_MILLIS / 1000 + " s");
                down = true;
                if (!sleep(PROBE_MILLIS, true)) return;
            } catch (IOException | RuntimeException e) {
                if (stopped()) return;
                long wait = backoff.next();
                appLog.warn("pull from " + peer.url() + " failed (" + AppLog.describe(e) + "); retry "
                        + backoff.failures() + " in " + wait + " ms");
                if (!sleep(wait, false)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Applies a page; saves the cursor over the events done in order; rethrows the first failure. A
     * failing event does not hold up the rest of the page (it is retried, the others are done), but
     * an unreachable peer stops the page at once.
     */
    private EventLog.Cursor apply(EventLog.Page page, EventLog.Cursor cursor) throws IOException, InterruptedException {
        List<Event> events = page.events();
        if (events.isEmpty()) return cursor;
        boolean[] done = new boolean[events.size()];
        AtomicReference<Exception> failure = new AtomicReference<>();
        jobs.forEach("apply " + peer.url(), events.size(), PARALLEL,
                () -> failure.get() instanceof PeerClient.Unreachable || stopped(), n -> {
                    try {
                        applyOne(events.get(n));
                        done[n] = true;
                    } catch (Exception e) {
                        if (!failure.compareAndSet(null, e) && e instanceof PeerClient.Unreachable) failure.set(e);
                    }
                });
        int ok = 0;
        while (ok < done.length && done[ok]) ok++;
        EventLog.Cursor next = ok == 0 ? cursor : new EventLog.Cursor(cursor.epoch(), events.get(ok - 1).seq());
        if (next.seq() != cursor.seq()) log.saveCursor(peer.url(), next);
        Exception e = failure.get();
        if (e instanceof IOException io) throw io;
        if (e instanceof InterruptedException ie) throw ie;
        if (e instanceof RuntimeException re) throw re;
        return next;
    }

    private void applyOne(Event e) throws IOException, InterruptedException {
        if (!e.isAdd()) {
            transfers.delete(e);
            return;
        }
        if (e.record() == null) return;
        if (transfers.replicate(e.record(), e.aliases(), peer) == Transfers.Result.UNSUPPORTED && !warnedUnsupported) {
            warnedUnsupported = true;
            appLog.warn("peer " + peer.url() + " sent records this node does not copy (unsafe paths or"
                    + " malformed merged-file addresses), e.g. " + e.record().relativeFile());
        }
    }

    /** {@link #pause}; false when interrupted (stopping). */
    private boolean sleep(long millis, boolean nudgeable) {
        try {
            pause(millis, nudgeable);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Waits; a nudge ends the wait when {@code nudgeable}, a kick always. */
    private void pause(long millis, boolean nudgeable) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!stopped()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) return;
            if (signal.await(left) && (nudgeable || urgent)) {
                urgent = false;
                return;
            }
        }
    }
}
