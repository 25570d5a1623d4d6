package io.jfastdfs.cluster;

import io.jfastdfs.index.Event;
import io.jfastdfs.index.EventLog;
import io.jfastdfs.ops.AppLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pull replication from one peer (API.md §5.3): reads the peer's event log after a durable cursor,
 * applies each event (up to {@link #PARALLEL} transfers at once), and advances the cursor over the
 * events that are done. A nudge wakes it at once; without one it polls every 10 s. A peer
 * that does not answer is probed every {@link #PROBE_MILLIS}; other failures back off from 1 s to
 * 5 min, forever.
 */
final class Puller {
    static final int PAGE = 500;
    static final int PARALLEL = 4;
    static final long IDLE_POLL_MILLIS = 10_000;
    static final long PROBE_MILLIS = 10_000;

    private final PeerClient peer;
    private final EventLog log;
    private final Transfers transfers;
    private final AppLog appLog;
    private final Signal signal = new Signal();
    private final Backoff backoff = new Backoff();
    private volatile boolean urgent;
    private volatile boolean stopped;
    private volatile boolean idle;
    private boolean warnedUnsupported;
    private Thread thread;

    Puller(PeerClient peer, EventLog log, Transfers transfers, AppLog appLog) {
        this.peer = peer;
        this.log = log;
        this.transfers = transfers;
        this.appLog = appLog;
    }

    void start() {
        thread = Thread.ofVirtual().name("pull " + peer.url()).start(this::run);
    }

    /** The peer has news (or is back): pull now, unless backing off after a failure. */
    void nudge() {
        signal.raise();
    }

    /** Pull now even when backing off (sync: "ignore backoff"). */
    void kick() {
        urgent = true;
        signal.raise();
    }

    /** True when the last pass found nothing left to apply. */
    boolean idle() {
        return idle;
    }

    void stop() {
        stopped = true;
        if (thread != null) thread.interrupt();
    }

    void join(long millis) throws InterruptedException {
        if (thread != null) thread.join(millis);
    }

    private void run() {
        EventLog.Cursor cursor = log.cursor(peer.url());
        boolean down = false;
        while (!stopped) {
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
                EventLog.Cursor next = apply(page, cursor);
                cursor = next;
                peer.state().backlog(page.last() - cursor.seq());
                backoff.reset();
                idle = page.events().size() < PAGE;
                if (!idle) continue;
                pause(IDLE_POLL_MILLIS, true);
            } catch (PeerClient.Itself e) {
                appLog.warn("peer " + peer.url() + " is this node itself: list this node in peers exactly as its"
                        + " host; not pulling from it");
                return;
            } catch (PeerClient.Unreachable e) {
                if (stopped) return;
                if (!down) appLog.warn("peer " + peer.url() + " is down (" + e.getMessage() + "); probing every "
                        + PROBE_MILLIS / 1000 + " s");
                down = true;
                idle = false;
                sleep(PROBE_MILLIS, true);
            } catch (IOException | RuntimeException e) {
                if (stopped) return;
                idle = false;
                long wait = backoff.next();
                appLog.warn("pull from " + peer.url() + " failed (" + PeerClient.describe(e) + "); retry "
                        + backoff.failures() + " in " + wait + " ms");
                sleep(wait, false);
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
        Semaphore slots = new Semaphore(PARALLEL);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < events.size() && !(failure.get() instanceof PeerClient.Unreachable) && !stopped; i++) {
            slots.acquire();
            int n = i;
            running.add(Thread.ofVirtual().name("apply " + peer.url()).start(() -> {
                try {
                    applyOne(events.get(n));
                    done[n] = true;
                } catch (Exception e) {
                    if (!failure.compareAndSet(null, e) && e instanceof PeerClient.Unreachable) failure.set(e);
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : running) t.join();
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

    private void sleep(long millis, boolean nudgeable) {
        try {
            pause(millis, nudgeable);
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    /** Waits; a nudge ends the wait when {@code nudgeable}, a kick always. */
    private void pause(long millis, boolean nudgeable) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!stopped) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) return;
            if (signal.await(left) && (nudgeable || urgent)) {
                urgent = false;
                return;
            }
        }
    }
}
