package io.jfastdfs;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.api.AccessGuards;
import io.jfastdfs.api.DeleteHandler;
import io.jfastdfs.api.DownloadHandler;
import io.jfastdfs.api.ExistHandler;
import io.jfastdfs.api.FileInfoHandler;
import io.jfastdfs.api.ListDirHandler;
import io.jfastdfs.api.MaintenanceHandler;
import io.jfastdfs.api.MetricsHandler;
import io.jfastdfs.api.PageHandler;
import io.jfastdfs.api.ReloadHandler;
import io.jfastdfs.api.Routes;
import io.jfastdfs.api.SearchHandler;
import io.jfastdfs.api.StatHandler;
import io.jfastdfs.api.StatusHandler;
import io.jfastdfs.api.UploadHandler;
import io.jfastdfs.auth.AccessControl;
import io.jfastdfs.auth.LogRedaction;
import io.jfastdfs.cluster.Cluster;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.ConfigException;
import io.jfastdfs.config.ConfigFile;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.Dispatcher;
import io.jfastdfs.http.HttpServerFactory;
import io.jfastdfs.http.Router;
import io.jfastdfs.index.Database;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.merge.Volumes;
import io.jfastdfs.ops.Alarms;
import io.jfastdfs.ops.AppLog;
import io.jfastdfs.ops.Backups;
import io.jfastdfs.ops.Metrics;
import io.jfastdfs.ops.Migrator;
import io.jfastdfs.ops.RollingLog;
import io.jfastdfs.ops.UploadCounters;
import io.jfastdfs.service.FileEvents;
import io.jfastdfs.service.FileService;
import io.jfastdfs.service.Housekeeping;
import io.jfastdfs.service.Uploads;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.tls.TlsContext;
import io.jfastdfs.tus.Tus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** One running jfastdfs node: config, store, index and HTTP server wired together. */
public final class Node implements AutoCloseable {
    private static final int SHUTDOWN_SECONDS = 30;

    private final AppLog log;
    private final RollingLog accessLog;
    private final Database db;
    private final HttpServer server;
    private final Dispatcher dispatcher;
    private final Settings settings;
    private final Tus tus;
    private final Cluster cluster;
    private final Volumes volumes;
    private final Backups backups;
    private final Migrator migrator;
    private final Alarms alarms;

    private Node(Path base, Map<String, String> env, Opened opened) throws IOException, ConfigException {
        for (String d : new String[] {"conf", "data", "files", "log"}) Files.createDirectories(base.resolve(d));
        log = opened.add(new AppLog(base.resolve("log/fileserver.log"), true));
        ConfigFile cfgFile = new ConfigFile(base, env, AccessControl::validate);
        Config cfg = cfgFile.loadOrCreate();
        cfg.warnings().forEach(log::warn);
        settings = new Settings(cfg);
        AccessControl access = new AccessControl(cfg);
        TlsContext tls = cfg.enableHttps() ? TlsContext.load(base.resolve("conf")) : null;
        if (tls != null) tls.warnings().forEach(log::warn);
        SSLContext peerTls = tls != null ? tls.peers() : null;
        FileStore store = new FileStore(base);
        int swept = store.sweepTemp();
        if (swept > 0) log.info("removed " + swept + " leftover temp files from an earlier run");
        db = opened.add(Database.open(base.resolve("data/index.db")));
        FileIndex index = new FileIndex(db);
        volumes = opened.add(new Volumes(settings, store, log));
        cluster = opened.add(new Cluster(settings, store, volumes, db, index, log, peerTls));
        FileEvents events = cluster.events();
        UploadCounters counters = new UploadCounters();
        FileEvents counted = FileEvents.both(events, counters);
        Uploads uploads = new Uploads(settings, store, index, counted, volumes);
        FileService files = new FileService(settings, store, index, counted, volumes);
        Housekeeping housekeeping = new Housekeeping(store);
        AccessGuards guards = new AccessGuards(settings, index, access);
        UploadHandler upload = new UploadHandler(settings, uploads, store, guards);
        StatHandler stat = new StatHandler(index);
        Routes.Handlers h = new Routes.Handlers(upload,
                new DownloadHandler(settings, store, volumes, index, guards, cluster.missingFiles()),
                new DeleteHandler(files, guards::checkDelete, cluster::deleted),
                new FileInfoHandler(files), new ExistHandler(files), new ListDirHandler(store),
                new SearchHandler(index), stat,
                new StatusHandler(settings, store, stat, uploads::inProgress, cluster::statusKeys),
                new ReloadHandler(settings, cfgFile, next -> apply(next, access)),
                new PageHandler(settings, base),
                req -> {
                    housekeeping.removeEmptyDirsAsync();
                    return Routes.cleanStarted();
                });
        Router router = Routes.build(cfg.groupPrefix(), h);
        cluster.addRoutes(router, stat::repair);
        backups = opened.add(new Backups(base.resolve("data"), db, index, log));
        migrator = opened.add(new Migrator(settings, store, index, events, log));
        Routes.maintenance(router, new MaintenanceHandler(settings, backups, migrator, cluster::forwarding));
        tus = cfg.enableTus() ? Tus.start(settings, store, db, index, uploads, guards, guards, log) : null;
        if (tus != null) Routes.tus(router, opened.add(tus).handler());
        Metrics metrics = new Metrics(counters, new Metrics.Sources(store.root(), index::stats, uploads::inProgress,
                tus != null ? tus::unfinishedUploads : () -> 0L, cluster::health));
        Routes.metrics(router, new MetricsHandler(metrics));
        accessLog = opened.add(new RollingLog(base.resolve("log/access.log"), RollingLog.DEFAULT_MAX_BYTES,
                RollingLog.DEFAULT_KEEP));
        dispatcher = new Dispatcher(settings, router, cluster.policy(access),
                line -> accessLog.line(LogRedaction.redact(line)),
                (msg, e) -> log.error(LogRedaction.redact(msg), e), metrics::request);
        server = HttpServerFactory.start(cfg, dispatcher, tls != null ? tls.server() : null);
        cluster.start();
        alarms = opened.add(new Alarms(settings, store.root(), cluster::health, peerTls, log, Alarms.INTERVAL));
        alarms.start();
        backups.start();
        if (cfg.enableMigrate()) migrator.startAsync();
        log.info("jfastdfs " + Version.VERSION + " serving " + cfg.host() + cfg.groupPrefix() + " on port " + port()
                + ", data in " + base);
    }

    /** Starts a node on {@code base} (created if needed); a failed start closes what it opened. */
    public static Node start(Path base, Map<String, String> env) throws IOException, ConfigException {
        Opened opened = new Opened();
        try {
            return new Node(base.toAbsolutePath().normalize(), env, opened);
        } catch (IOException | ConfigException | RuntimeException e) {
            opened.closeAll();
            throw e;
        }
    }

    /** What a start has opened so far, closed in reverse order when the start fails. */
    private static final class Opened {
        private final java.util.ArrayDeque<AutoCloseable> stack = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T resource) {
            stack.push(resource);
            return resource;
        }

        void closeAll() {
            while (!stack.isEmpty()) {
                try {
                    stack.pop().close();
                } catch (Exception ignored) {
                    // the start already failed; its cause is what the caller reports
                }
            }
        }
    }

    private void apply(Config next, AccessControl access) {
        try {
            access.apply(next);
        } catch (ConfigException e) {
            throw io.jfastdfs.http.ApiError.fail(400, e.getMessage());
        }
        settings.set(next);
        log.info("configuration reloaded");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Settings settings() {
        return settings;
    }

    /** Graceful stop: refuse new requests, let in-flight ones finish, close the index cleanly. */
    @Override
    public void close() {
        try {
            dispatcher.drain(SHUTDOWN_SECONDS * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        alarms.close();
        cluster.close();
        if (tus != null) tus.close();
        volumes.close();
        migrator.close();
        backups.close();
        db.close();
        log.info("stopped");
        accessLog.close();
        log.close();
    }
}
