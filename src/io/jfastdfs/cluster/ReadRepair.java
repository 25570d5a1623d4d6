package io.jfastdfs.cluster;

import io.jfastdfs.api.MissingFiles;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Replicas;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Download miss (API.md §5.4): asks the live peers in parallel whether they hold the path, proxies
 * the first positive answer to the client (status, headers and Range kept) and copies the file
 * here in the background, verified like any replica. Never for tombstoned paths; a miss
 * everywhere is remembered for a minute so a 404 storm does not become a peer storm.
 */
final class ReadRepair implements MissingFiles {
    static final long NEGATIVE_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_REMEMBERED = 10_000;
    private static final long ASK_MILLIS = 5_000;
    private static final List<String> FORWARDED = List.of("Range", "If-Range", "If-Modified-Since", "If-None-Match");
    private static final List<String> COPIED = List.of("Content-Type", "Content-Range", "Accept-Ranges",
            "Last-Modified", "ETag", "X-Content-Type-Options");

    private record Found(PeerClient peer, Map<?, ?> answer) {}

    private final Replicas replicas;
    private final Transfers transfers;
    private final Supplier<List<PeerClient>> peers;
    private final Map<String, Long> misses = new ConcurrentHashMap<>();

    ReadRepair(Replicas replicas, Transfers transfers, Supplier<List<PeerClient>> peers) {
        this.replicas = replicas;
        this.transfers = transfers;
        this.peers = peers;
    }

    @Override
    public Optional<Reply> fetch(Request req, String rel) {
        if (rel.isEmpty() || rel.startsWith("_tmp/") || rel.startsWith("_big/")) return Optional.empty();
        List<PeerClient> live = peers.get().stream().filter(p -> p.state().up()).toList();
        if (live.isEmpty()) return Optional.empty();
        if (replicas.tombstone(FileRecord.pathKeyOf("files/" + rel)).isPresent()) return Optional.empty();
        Long until = misses.get(rel);
        if (until != null && until - System.nanoTime() > 0) return Optional.empty();
        Optional<Found> found = ask(live, rel);
        if (found.isEmpty()) {
            remember(rel);
            return Optional.empty();
        }
        try {
            return Optional.of(proxy(req, rel, found.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Asks every live peer at once; the first that has the path wins. */
    private Optional<Found> ask(List<PeerClient> live, String rel) {
        LinkedBlockingQueue<Optional<Found>> answers = new LinkedBlockingQueue<>();
        for (PeerClient p : live) {
            Thread.ofVirtual().name("has " + p.url()).start(() -> {
                Optional<Found> f = Optional.empty();
                try {
                    f = p.has("path", rel).map(m -> new Found(p, m));
                } catch (IOException | RuntimeException e) {
                    // an unreachable or confused peer simply does not have it
                } finally {
                    answers.add(f);
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ASK_MILLIS);
        try {
            for (int i = 0; i < live.size(); i++) {
                Optional<Found> f = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) break;
                if (f.isPresent()) return f;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private Reply proxy(Request req, String rel, Found found) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        for (String h : FORWARDED) if (!req.header(h).isEmpty()) headers.put(h, req.header(h));
        PeerClient.Body b = found.peer().file("path", rel, req.method(), headers);
        int status = b.status();
        if (status == 404) {
            b.close();
            throw new IOException("gone meanwhile");
        }
        if ((status == 200 || status == 206) && found.answer().get("record") instanceof Map<?, ?> m) {
            transfers.replicateLater(FileRecord.fromJson(m), List.of(), found.peer());
        }
        long length = b.length();
        Reply r;
        if (req.method().equals("HEAD") || (status != 200 && status != 206) || length == 0) {
            b.close();
            r = Reply.stream(status, Math.max(length, 0), out -> { });
        } else {
            r = Reply.stream(status, length, out -> {
                try (b) {
                    b.in().transferTo(out);
                }
            });
        }
        for (String h : COPIED) {
            String v = b.header(h);
            if (!v.isEmpty()) r.header(h, v);
        }
        return r;
    }

    private void remember(String rel) {
        long now = System.nanoTime();
        if (misses.size() >= MAX_REMEMBERED) misses.values().removeIf(t -> t - now <= 0);
        if (misses.size() >= MAX_REMEMBERED) misses.clear();
        misses.put(rel, now + NEGATIVE_TTL_NANOS);
    }
}
