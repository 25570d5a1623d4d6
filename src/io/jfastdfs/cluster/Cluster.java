package io.jfastdfs.cluster;

import io.jfastdfs.api.MissingFiles;
import io.jfastdfs.auth.IpLiteral;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.AccessPolicy;
import io.jfastdfs.http.Cors;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.IdleWatchdog;
import io.jfastdfs.http.Route;
import io.jfastdfs.http.Route.Denial;
import io.jfastdfs.http.Router;
import io.jfastdfs.index.Database;
import io.jfastdfs.index.EventLog;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory;
import io.jfastdfs.index.Replicas;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.ops.PeerHealth;
import io.jfastdfs.service.FileEvents;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * The group's replication (API.md §5, DESIGN.md "Cluster"): peers are equals; each node pulls every
 * peer's event log with a durable cursor, nudges its peers after local writes, fetches missing files
 * on download misses, repairs by per-day inventories, and serves the peer protocol. Wiring for
 * {@code Node}: construct, hand out {@link #events()}, {@link #missingFiles()}, {@link #deleted},
 * {@link #statusKeys()} and {@link #policy}, {@link #addRoutes}, then {@link #start()}.
 */
public final class Cluster implements AutoCloseable {
    private static final long SUPERVISE_MILLIS = 5_000;
    private static final long FIRST_REPAIR_MILLIS = 60_000;
    private static final long HOUR_MILLIS = 3_600_000;
    /** Tombstones and delete events are kept this long (API.md §5.3 item 7). */
    static final long TOMBSTONE_SECONDS = 30L * 24 * 3600;

    private record Link(PeerClient client, Puller puller, NudgeSender nudges) {}

    private final Settings settings;
    private final AppLog log;
    private final EventLog eventLog;
    private final Replicas replicas;
    private final PeerAuth auth;
    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Transfers transfers;
    private final Repairer repairer;
    private final Maintenance maintenance;
    private final ReadRepair readRepair;
    private final PeerEndpoints endpoints;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Jobs jobs = new Jobs();
    /** What https:// peers must present (null: the JDK's default trust). */
    private final SSLContext peerTls;
    private volatile boolean closed;
    /** Created by {@link #start()}, so a node that fails to start leaves no client threads behind. */
    private HttpClient http;
    private IdleWatchdog idle;

    public Cluster(Settings settings, FileStore store, Volumes volumes, Database db, FileIndex index, AppLog log,
                   SSLContext peerTls) {
        this.settings = settings;
        this.peerTls = peerTls;
        this.log = log;
        this.eventLog = new EventLog(db);
        this.replicas = new Replicas(db);
        this.auth = new PeerAuth(settings);
        this.transfers = new Transfers(settings, store, volumes, index, replicas, this::peers, log, jobs);
        Inventory inventory = new Inventory(db);
        this.repairer = new Repairer(inventory, index, transfers, this::peers, log, jobs);
        this.maintenance = new Maintenance(settings, index, repairer, transfers, auth, this::forward,
                this::kickAll, this::client);
        this.readRepair = new ReadRepair(replicas, transfers, this::peers);
        this.endpoints = new PeerEndpoints(settings, auth, store, volumes, index, eventLog, inventory, new Contacts());
    }

    /** Calls from a peer prove it is alive (wake a puller that probes it as down) or has news (nudge). */
    private final class Contacts implements PeerEndpoints.Contacts {
        @Override
        public void called(String peer, String op) {
            Link l = links.get(peer);
            if (l != null && (l.client().state().reached() || op.equals("nudge"))) l.puller().wake();
        }

        @Override
        public void read(String peer, long after, long last) {
            Link l = links.get(peer);
            if (l != null) l.client().state().read(after, last, System.currentTimeMillis() / 1000);
        }
    }

    /** Local writes: nudge every peer (coalesced, never blocking the upload's reply). */
    public FileEvents events() {
        return new FileEvents() {
            @Override
            public void added(FileRecord r) {
                nudgeAll();
            }

            @Override
            public void removed(FileRecord r) {
                nudgeAll();
            }
        };
    }

    /** Read-repair for downloads of files this node lacks. */
    public MissingFiles missingFiles() {
        return readRepair;
    }

    /**
     * After a client delete: when nothing was removed here, the key still gets a tombstone and a delete
     * event, because peers may hold the file (API.md §2.7).
     */
    public void deleted(String key, Optional<FileRecord> removed) {
        if (removed.isPresent()) return; // the index logged it; FileEvents nudged
        replicas.applyDelete(key, null, System.currentTimeMillis() / 1000);
        nudgeAll();
    }

    /** Fs.QueueToPeers, Fs.QueueFromPeers and Fs.PeerStates for {G}/status. */
    public Map<String, Object> statusKeys() {
        long toPeers = 0;
        long fromPeers = transfers.active();
        Map<String, Object> states = new LinkedHashMap<>();
        for (PeerClient p : currentPeers()) {
            toPeers += p.state().behind();
            fromPeers += p.state().backlog();
            states.put(p.url(), p.state().toJson());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Fs.QueueToPeers", toPeers);
        m.put("Fs.QueueFromPeers", fromPeers);
        m.put("Fs.PeerStates", states);
        return m;
    }

    /** Each configured peer's replication state, for /metrics. */
    public List<PeerHealth> health() {
        List<PeerHealth> out = new ArrayList<>();
        for (PeerClient p : currentPeers()) out.add(p.state().health(p.url()));
        return out;
    }

    /** The peers, their states brought up to this node's log as it ends now. */
    private List<PeerClient> currentPeers() {
        List<PeerClient> all = peers();
        if (all.isEmpty()) return all;
        long last = eventLog.lastSeq();
        long now = System.currentTimeMillis() / 1000;
        for (PeerClient p : all) p.state().logEndsAt(last, now);
        return all;
    }

    /** The node's access policy, with authenticated peers admitted to the peer actions. */
    public AccessPolicy policy(AccessPolicy base) {
        return new ClusterPolicy(base, auth, settings);
    }

    /** An admin action that also runs on every peer unless called with inner=1 (e.g. backup). */
    public Handler forwarding(String action, Handler local) {
        return maintenance.forwarding(action, local);
    }

    /** The peer protocol and the cluster actions; {@code repairStat} is the local repair_stat. */
    public void addRoutes(Router r, Handler repairStat) {
        r.prefix(new Route("_peer", Route.Access.PUBLIC, Denial.EMPTY, Set.of("GET", "POST", "HEAD"),
                Cors.Flavour.ADMIN, endpoints));
        r.action(Route.adminAction("sync", Denial.SYNC, maintenance::sync));
        r.action(Route.adminAction("repair", Denial.ENVELOPE, maintenance::repair));
        r.action(Route.adminAction("repair_stat", Denial.ENVELOPE, maintenance.forwarding("repair_stat", repairStat)));
        r.action(Route.adminAction("get_md5s_by_date", Denial.TEXT, maintenance::md5sByDate));
        r.action(Route.adminAction("receive_md5s", Denial.TEXT, maintenance::receiveMd5s));
        r.action(Route.adminAction("syncfile_info", Denial.EMPTY, maintenance::syncfileInfo));
    }

    /** Starts pulling from every peer and tells them this node is up. */
    public synchronized void start() {
        Config cfg = settings.get();
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads);
        if (peerTls != null) b.sslContext(peerTls);
        // calls leave from the address we listen on, so peers that know us by IP recognise us
        IpLiteral.parse(cfg.bindHost()).filter(a -> !a.isAnyLocalAddress()).ifPresent(b::localAddress);
        http = b.build();
        LongSupplier syncTimeout = () -> Math.max(1, settings.get().syncTimeout());
        idle = new IdleWatchdog("peer-idle-watchdog", syncTimeout, syncTimeout);
        if (cfg.peerSecret().isEmpty() && !cfg.peers().isEmpty()) {
            log.warn("peer_secret is empty: peers are recognised by their IP only;"
                    + " set the same peer_secret on every node");
        }
        syncLinks();
        nudgeAll();
        jobs.start("cluster", this::supervise);
    }

    /** Ends every peer loop and background job (they are all {@link Jobs}), then the HTTP client. */
    @Override
    public void close() {
        closed = true;
        jobs.close();
        if (idle != null) idle.close();
        if (http != null) http.shutdownNow();
        httpThreads.shutdownNow();
    }

    /** Links to the configured peers, in configuration order. */
    private List<PeerClient> peers() {
        List<PeerClient> out = new ArrayList<>();
        for (String url : settings.get().peers()) {
            Link l = links.get(url);
            if (l != null) out.add(l.client());
        }
        return out;
    }

    private Optional<PeerClient> client(String url) {
        return Optional.ofNullable(links.get(url)).map(Link::client);
    }

    private void kickAll() {
        for (Link l : links.values()) l.puller().kick();
    }

    private void nudgeAll() {
        for (Link l : links.values()) l.nudges().wake();
    }

    /** Starts links to new peers and stops those of peers removed by a reload. */
    private synchronized void syncLinks() {
        if (closed || http == null) return;
        List<String> wanted = settings.get().peers();
        for (String url : wanted) {
            if (links.containsKey(url)) continue;
            Puller[] puller = new Puller[1];
            PeerClient client = new PeerClient(url, settings, http, auth, idle, () -> puller[0].wake());
            puller[0] = new Puller(client, eventLog, transfers, log, jobs);
            Link l = new Link(client, puller[0], new NudgeSender(client));
            links.put(url, l);
            l.puller().start(jobs, "pull " + url);
            l.nudges().start(jobs, "nudge " + url);
        }
        for (String url : List.copyOf(links.keySet())) {
            if (!wanted.contains(url)) {
                log.info("peer " + url + " removed from peers; no longer replicating with it");
                Link l = links.remove(url);
                l.puller().stop();
                l.nudges().stop();
            }
        }
    }

    private void forward(String action, Map<String, String> params) {
        for (Link l : links.values()) {
            if (!l.client().state().up()) continue;
            jobs.start("forward " + action, () -> {
                try {
                    l.client().forward(action, params);
                } catch (IOException e) {
                    log.warn(action + " on " + l.client().url() + " failed: " + e.getMessage());
                }
            });
        }
    }

    /** Follows peer changes from reload, runs auto repair (start + 60 s, then hourly) and log compaction. */
    private void supervise() {
        long started = System.currentTimeMillis();
        long nextRepair = started + FIRST_REPAIR_MILLIS;
        long nextCompaction = started + FIRST_REPAIR_MILLIS;
        while (!closed) {
            try {
                Thread.sleep(SUPERVISE_MILLIS);
                syncLinks();
                long now = System.currentTimeMillis();
                if (now >= nextRepair) {
                    nextRepair = now + HOUR_MILLIS;
                    if (settings.get().autoRepair()) repairer.startAsync(false, "");
                }
                if (now >= nextCompaction) {
                    nextCompaction = now + HOUR_MILLIS;
                    int n = eventLog.compact(now / 1000 - TOMBSTONE_SECONDS);
                    if (n > 0) log.info("event log compacted: " + n + " superseded or expired events removed");
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("cluster supervisor", e);
            }
        }
    }
}
