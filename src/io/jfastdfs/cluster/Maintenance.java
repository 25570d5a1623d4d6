package io.jfastdfs.cluster;

import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.DailyStat;
import io.jfastdfs.index.FileIndex;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.json.Json;
import io.jfastdfs.json.JsonException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The go-fastdfs cluster actions of API.md §2.15 and §5.2 in pull-replication terms: sync, repair,
 * the fan-out of admin actions to peers (inner=1), get_md5s_by_date, receive_md5s and syncfile_info.
 */
final class Maintenance {
    static final String SYNC_USAGE = "require paramete date &force , ?date=20181230";

    /** Runs an admin action on every peer with inner=1, without waiting. */
    interface Forwarder {
        void forward(String action, Map<String, String> params);
    }

    private final Settings settings;
    private final FileIndex index;
    private final Repairer repairer;
    private final Transfers transfers;
    private final PeerAuth auth;
    private final Forwarder forwarder;
    private final Runnable kickPullers;
    private final Function<String, Optional<PeerClient>> peer;

    Maintenance(Settings settings, FileIndex index, Repairer repairer, Transfers transfers, PeerAuth auth,
                Forwarder forwarder, Runnable kickPullers, Function<String, Optional<PeerClient>> peer) {
        this.settings = settings;
        this.index = index;
        this.repairer = repairer;
        this.transfers = transfers;
        this.auth = auth;
        this.forwarder = forwarder;
        this.kickPullers = kickPullers;
        this.peer = peer;
    }

    /**
     * sync?date=D: pulls now, ignoring backoff, and re-checks day D against every peer (with force=1
     * even when the day's summaries agree). Validated before it is forwarded (go-fastdfs forwards first).
     */
    Reply sync(Request req) {
        String date = req.param("date").replace(".", "").trim();
        if (!DailyStat.isDay(date)) throw ApiError.fail(400, SYNC_USAGE);
        boolean force = req.param("force").equals("1");
        if (!inner(req)) forwarder.forward("sync", Map.of("date", date, "force", force ? "1" : "0"));
        kickPullers.run();
        repairer.startAsync(force, date);
        return Reply.okMessage("job is running");
    }

    /** repair?force=0|1: anti-entropy over the days whose summaries differ, or every day. */
    Reply repair(Request req) {
        boolean force = req.param("force").equals("1");
        if (!inner(req)) forwarder.forward("repair", Map.of("force", force ? "1" : "0"));
        repairer.startAsync(force, "");
        return Reply.okMessage("repair job start...");
    }

    /**
     * An admin action that also runs on every peer unless called with inner=1; only once it ran here,
     * so a call this node refuses (an invalid date) is not sent on (go-fastdfs validates first too).
     */
    Handler forwarding(String action, Handler local) {
        return req -> {
            Reply reply = local.handle(req);
            if (!inner(req)) {
                Map<String, String> params = new TreeMap<>(req.params());
                params.remove("inner");
                params.remove(PeerAuth.FROM);
                forwarder.forward(action, params);
            }
            return reply;
        };
    }

    /** The identities booked under a day, joined by commas (go-fastdfs text format). */
    Reply md5sByDate(Request req) {
        String date = req.param("date").trim();
        if (!DailyStat.isDay(date)) throw ApiError.fail(400, "invalid date");
        return Reply.text(String.join(",", index.md5sByDay(date)));
    }

    /**
     * receive_md5s: "these exist": fetch the ones this node lacks from whichever peer has them. Only
     * well-formed keys (hex md5 or sha1) are looked for, each once.
     */
    Reply receiveMd5s(Request req) {
        Set<String> keys = new LinkedHashSet<>();
        for (String k : req.param("md5s").split(",")) {
            if (Transfers.CONTENT_DIGEST.matcher(k.trim()).matches()) keys.add(k.trim());
        }
        if (!keys.isEmpty()) repairer.fetchMissing(List.copyOf(keys));
        return Reply.empty(200);
    }

    /**
     * syncfile_info: a peer asks this node to pull a file. Only authenticated peers get an answer
     * (the download URL); anyone else an empty body, as go-fastdfs answers non-peers.
     */
    Reply syncfileInfo(Request req) {
        Optional<PeerClient> from = auth.verify(req).flatMap(peer);
        if (from.isEmpty()) return Reply.empty(200);
        FileRecord rec;
        try {
            if (!(Json.parse(req.param("fileInfo")) instanceof Map<?, ?> m)) return Reply.empty(200);
            rec = FileRecord.fromJson(m);
        } catch (JsonException e) {
            return Reply.empty(200);
        }
        if (!Transfers.acceptable(rec)) return Reply.empty(200);
        transfers.replicateLater(rec, List.of(), from.get());
        String rel = rec.relativeFile().substring("files/".length());
        return Reply.text(req.baseUrl() + settings.get().groupPrefix() + "/" + rel);
    }

    private static boolean inner(Request req) {
        return req.param("inner").equals("1");
    }
}
