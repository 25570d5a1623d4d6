package io.jfastdfs.cluster;

import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory;
import io.jfastdfs.index.Inventory.DaySummary;
import io.jfastdfs.ops.AppLog;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Anti-entropy (API.md §5.5) for what the event logs cannot explain (old data, restored or
 * hand-copied files, compacted logs): compares per-day summaries with every peer and, for the days
 * that differ (or every day when forced), walks the peer's records of that day page by page and
 * copies what is missing here. Pull only: each node repairs itself, so admin calls are forwarded.
 */
final class Repairer {
    static final int PAGE = 1000;

    private final Inventory inventory;
    private final FileIndex index;
    private final Transfers transfers;
    private final Supplier<List<PeerClient>> peers;
    private final AppLog log;
    private final Jobs jobs;
    private final AtomicBoolean running = new AtomicBoolean();

    Repairer(Inventory inventory, FileIndex index, Transfers transfers, Supplier<List<PeerClient>> peers, AppLog log,
             Jobs jobs) {
        this.inventory = inventory;
        this.index = index;
        this.transfers = transfers;
        this.peers = peers;
        this.log = log;
        this.jobs = jobs;
    }

    /** Runs in the background unless a repair is already running; {@code day} "" means every day. */
    boolean startAsync(boolean force, String day) {
        if (!running.compareAndSet(false, true)) return false;
        Thread started = jobs.start("repair", () -> {
            try {
                run(force, day);
            } finally {
                running.set(false);
            }
        });
        if (started == null) running.set(false);
        return started != null;
    }

    /** Copies what peers have and this node lacks; returns the number of files copied. */
    int run(boolean force, String day) {
        int copied = 0;
        for (PeerClient p : peers.get()) {
            try {
                // this node's summaries again for each peer: the previous peer may have filled days in
                Map<String, DaySummary> local = new HashMap<>();
                List<DaySummary> mine = day.isEmpty() ? inventory.days() : List.of(inventory.day(day));
                for (DaySummary s : mine) local.put(s.day(), s);
                for (DaySummary remote : p.summary(day)) {
                    if (remote.count() == 0) continue;
                    if (!force && remote.equals(local.get(remote.day()))) continue;
                    copied += repairDay(p, remote.day());
                }
            } catch (IOException e) {
                log.warn("repair against " + p.url() + " stopped: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return copied;
            }
        }
        log.info("repair" + (day.isEmpty() ? "" : " of " + day) + (force ? " (force)" : "") + " done: "
                + copied + " files copied from peers");
        return copied;
    }

    /** Fetches in the background the given identities this node lacks, from any peer that has them. */
    void fetchMissing(List<String> keys) {
        jobs.start("receive-md5s", () -> {
            for (String key : keys) {
                if (Thread.currentThread().isInterrupted()) return; // shutting down
                if (index.find(key).filter(transfers::onDisk).isPresent()) continue;
                for (PeerClient p : peers.get()) {
                    try {
                        Optional<Map<?, ?>> has = p.state().up() ? p.has("md5", key) : Optional.empty();
                        if (has.isPresent() && has.get().get("record") instanceof Map<?, ?> m) {
                            transfers.replicate(FileRecord.fromJson(m), List.of(), p);
                            break;
                        }
                    } catch (IOException e) {
                        log.warn("fetch of " + key + " from " + p.url() + " failed: " + e.getMessage());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    private int repairDay(PeerClient p, String day) throws IOException, InterruptedException {
        AtomicInteger copied = new AtomicInteger();
        String after = "";
        while (true) {
            List<FileRecord> page = p.digests(day, after, PAGE);
            jobs.forEach("repair " + day, page.size(), Puller.PARALLEL, () -> false, i -> {
                FileRecord rec = page.get(i);
                try {
                    if (transfers.replicate(rec, List.of(), p) == Transfers.Result.STORED) copied.incrementAndGet();
                } catch (IOException e) {
                    log.warn("repair copy of " + rec.relativeFile() + " from " + p.url() + " failed: "
                            + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (page.size() < PAGE) return copied.get();
            after = page.get(page.size() - 1).md5();
        }
    }
}
