package io.jfastdfs.cluster;

import com.sun.net.httpserver.HttpExchange;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.AccessPolicy;
import io.jfastdfs.http.Client;
import io.jfastdfs.http.Request;

import java.util.Set;

/**
 * The node's admin rule plus one clause: a call that proves a configured peer's identity
 * ({@link PeerAuth}) counts as admin for the go-fastdfs actions peers call on each other (API.md
 * §1.7, §5.2), wherever it comes from. Nothing else changes.
 */
final class ClusterPolicy implements AccessPolicy {
    static final Set<String> PEER_ACTIONS = Set.of("syncfile_info", "get_md5s_by_date", "receive_md5s", "stat",
            "sync", "repair", "repair_stat", "backup");

    private final AccessPolicy base;
    private final PeerAuth auth;
    private final Settings settings;

    ClusterPolicy(AccessPolicy base, PeerAuth auth, Settings settings) {
        this.base = base;
        this.auth = auth;
        this.settings = settings;
    }

    @Override
    public Client client(HttpExchange exchange) {
        return base.client(exchange);
    }

    @Override
    public boolean isAdmin(Request req) {
        if (base.isAdmin(req)) return true;
        return PEER_ACTIONS.contains(action(settings.get().groupPrefix(), req.path())) && auth.verify(req).isPresent();
    }

    /** The route part of a path: without the group prefix, which action routes may omit (API.md §1.1). */
    static String action(String groupPrefix, String path) {
        boolean grouped = !groupPrefix.isEmpty() && path.startsWith(groupPrefix + "/");
        String p = grouped ? path.substring(groupPrefix.length()) : path;
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
