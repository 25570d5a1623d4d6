package io.jfastdfs.ops;

import io.jfastdfs.auth.CappedBody;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Self-monitoring with alarms (API.md §6.1): at start and then every {@code interval}, asks every peer
 * for {@code {G}/status} and checks the store's free space. Alarms go out on changes only: a peer
 * down after two failed checks in a row, its recovery, free disk falling below {@code min_free_disk_mb},
 * a peer lacking part of this node's replication log for over {@link #SYNC_DELAY}, and two nodes of the
 * group with the same {@code peer_id} (or a peer answering with this node's host).
 */
public final class Alarms implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(60);
    public static final Duration SYNC_DELAY = Duration.ofHours(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_STATUS_BYTES = 16 << 20;

    /** A peer's answer to the health check: its peer_id and host when it answered "ok", else the error. */
    record Probe(String peer, String error, String peerId, String host) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    private final Settings settings;
    private final Path filesDir;
    private final Supplier<List<PeerHealth>> replication;
    private final Duration interval;
    private final AppLog log;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final SSLContext tls;
    private final AlarmNotifier notifier;
    private final AlarmState state = new AlarmState();
    private Thread checker;
    /** Made on first use: a node without peers or alarm_url never needs one (each has a selector thread). */
    private HttpClient http;

    /**
     * {@code tls} is what https:// peers, alarm_url and the mail server must present (null: JDK default);
     * {@code replication} tells how far each peer has read this node's log.
     */
    public Alarms(Settings settings, Path filesDir, Supplier<List<PeerHealth>> replication, SSLContext tls, AppLog log,
                  Duration interval) {
        this.settings = settings;
        this.filesDir = filesDir;
        this.replication = replication;
        this.interval = interval;
        this.log = log;
        this.tls = tls;
        this.notifier = new AlarmNotifier(settings, this::http, new Mailer(tls), log);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).executor(threads);
            if (tls != null) b.sslContext(tls);
            http = b.build();
        }
        return http;
    }

    public void start() {
        checker = Thread.ofVirtual().name("alarms").start(this::run);
    }

    private void run() {
        try {
            while (true) {
                try {
                    checkOnce();
                } catch (RuntimeException e) {
                    log.error("alarm check failed", e);
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            // close() ends the checks
        }
    }

    /** One round: peers, peer_id conflicts, replication delays, disk. */
    void checkOnce() throws InterruptedException {
        Config cfg = settings.get();
        List<Probe> probes = probeAll(cfg);
        state.retainPeers(new LinkedHashSet<>(cfg.peers()));
        for (Probe p : probes) {
            if (p.ok()) {
                if (state.answered(p.peer()) == AlarmState.Change.RECOVERED) {
                    notifier.send(new Alarm(Alarm.SERVER_RECOVERED, p.peer(), ""));
                }
            } else if (state.failed(p.peer()) == AlarmState.Change.DOWN) {
                notifier.send(new Alarm(Alarm.SERVER_ERROR, p.peer(), p.error()));
            }
        }
        conflicts(cfg, probes);
        syncDelays();
        disk(cfg);
    }

    private List<Probe> probeAll(Config cfg) throws InterruptedException {
        List<Future<Probe>> running = new ArrayList<>();
        for (String peer : cfg.peers()) running.add(threads.submit(() -> probe(peer, cfg.groupPrefix())));
        List<Probe> out = new ArrayList<>();
        for (Future<Probe> f : running) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("health check failed unexpectedly", e.getCause());
            }
        }
        return out;
    }

    private Probe probe(String peer, String group) {
        String url = peer + group + "/status";
        HttpResponse<String> r;
        try {
            r = CappedBody.send(http(), HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build(),
                    MAX_STATUS_BYTES, PROBE_TIMEOUT);
        } catch (IOException e) {
            return new Probe(peer, "Get \"" + url + "\": " + AppLog.describe(e), "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(peer, "Get \"" + url + "\": interrupted", "", "");
        }
        if (r.statusCode() != 200) return new Probe(peer, url + " answered HTTP " + r.statusCode(), "", "");
        try {
            Map<?, ?> env = (Map<?, ?>) Json.parse(r.body());
            if (!"ok".equals(env.get("status"))) return new Probe(peer, url + " answered status \"" + env.get("status") + "\"", "", "");
            Map<?, ?> data = env.get("data") instanceof Map<?, ?> d ? d : Map.of();
            return new Probe(peer, "", text(data.get("Fs.PeerId")), text(data.get("Fs.Local")));
        } catch (RuntimeException e) {
            return new Probe(peer, url + " answered no status JSON: " + AppLog.describe(e), "", "");
        }
    }

    /** Nodes (this one and the peers that answered) sharing a peer_id, or a peer claiming this node's host. */
    private void conflicts(Config cfg, List<Probe> probes) {
        Map<String, List<String>> byId = new TreeMap<>();
        byId.computeIfAbsent(cfg.peerId(), k -> new ArrayList<>()).add(cfg.host());
        Map<String, Alarm> problems = new LinkedHashMap<>();
        for (Probe p : probes) {
            if (!p.ok()) continue;
            if (!p.peerId().isEmpty()) byId.computeIfAbsent(p.peerId(), k -> new ArrayList<>()).add(p.peer());
            if (p.host().equals(cfg.host())) {
                problems.put("host " + p.peer(), new Alarm(Alarm.CONFIG_CONFLICT, p.peer(), p.peer()
                        + " answers with this node's host " + cfg.host()
                        + ": it is this node listed under another name, or a copy of its cfg.json"));
            }
        }
        byId.forEach((id, nodes) -> {
            if (nodes.size() < 2) return;
            String other = nodes.get(nodes.size() - 1); // a peer: this node, when involved, is listed first
            problems.put("peer_id " + id + " " + nodes, new Alarm(Alarm.CONFIG_CONFLICT, other, "peer_id \"" + id
                    + "\" is used by " + String.join(" and ", nodes) + "; every node of a group needs its own peer_id"));
        });
        for (String k : state.started("conflict", problems.keySet())) notifier.send(problems.get(k));
    }

    /** Peers that still lack what this node's log held {@link #SYNC_DELAY} ago. */
    private void syncDelays() {
        long now = System.currentTimeMillis() / 1000;
        Map<String, PeerHealth> late = new LinkedHashMap<>();
        for (PeerHealth p : replication.get()) {
            if (p.behindSince() > 0 && now - p.behindSince() > SYNC_DELAY.toSeconds()) late.put(p.url(), p);
        }
        for (String peer : state.started("sync", late.keySet())) {
            PeerHealth p = late.get(peer);
            notifier.send(new Alarm(Alarm.SYNC_DELAYED, peer, peer + " has not read this node's uploads and deletes"
                    + " since " + Instant.ofEpochSecond(p.behindSince()) + " (" + p.behind() + " events behind; last"
                    + " contact " + (p.lastSeen() > 0 ? Instant.ofEpochSecond(p.lastSeen()) : "never") + ")"));
        }
    }

    private void disk(Config cfg) {
        long minBytes = cfg.minFreeDiskBytes();
        long free;
        try {
            free = Files.getFileStore(filesDir).getUsableSpace();
        } catch (IOException e) {
            log.warn("alarm check cannot read free space of " + filesDir + ": " + e.getMessage());
            return;
        }
        boolean low = minBytes > 0 && free < minBytes;
        if (!state.started("disk", low ? Set.of("low") : Set.of()).isEmpty()) {
            notifier.send(new Alarm(Alarm.DISK_LOW, cfg.host(), "free space on " + filesDir + " is " + (free >> 20)
                    + " MB, below min_free_disk_mb " + cfg.minFreeDiskMb() + "; uploads are refused (507)"));
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public void close() {
        if (checker != null) checker.interrupt();
        notifier.close();
        synchronized (this) {
            if (http != null) http.shutdownNow();
        }
        threads.shutdownNow();
    }
}
