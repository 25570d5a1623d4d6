package io.jfastdfs.auth;

import com.sun.net.httpserver.HttpExchange;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.ConfigException;
import io.jfastdfs.http.AccessPolicy;
import io.jfastdfs.http.Client;
import io.jfastdfs.http.Request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The node's {@link AccessPolicy}: client resolution through trusted proxies (§1.8) and the admin
 * rule (§1.7), rebuilt from each applied config.
 */
public final class AccessControl implements AccessPolicy {
    private record Rules(IpMatcher trustedProxies, AdminRule admin, boolean https) {}

    private volatile Rules rules;

    public AccessControl(Config cfg) throws ConfigException {
        apply(cfg);
    }

    /**
     * Validates everything access control reads from a config, naming the bad entry (never echoing a
     * secret): admin_ips, trusted_proxies, auth_url, and the scenes' Google secrets when Google auth is on.
     */
    public static void validate(Config cfg) throws ConfigException {
        build(cfg);
        if (!cfg.authUrl().isEmpty()) {
            try {
                AuthUrl.checkedUri(cfg.authUrl());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("cfg.json: auth_url must be an http:// or https:// URL with a host");
            }
        }
        if (cfg.enableGoogleAuth()) {
            for (var scene : cfg.scenes().entrySet()) {
                if (!scene.getValue().isEmpty() && !isGoogleSecret(scene.getValue())) {
                    throw new ConfigException("cfg.json: scenes: the Google secret of scene \"" + scene.getKey()
                            + "\" is not base32 (A-Z, 2-7; get one from gen_google_secret)");
                }
            }
        }
    }

    private static boolean isGoogleSecret(String secret) {
        try {
            return Base32.decode(secret).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void apply(Config cfg) throws ConfigException {
        rules = build(cfg);
    }

    private static Rules build(Config cfg) throws ConfigException {
        IpMatcher proxies;
        try {
            proxies = IpMatcher.of(cfg.trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cfg.json: trusted_proxies: " + e.getMessage());
        }
        Set<InetAddress> own = addressesOf(List.of(cfg.host()));
        if (!cfg.bindHost().isEmpty()) IpLiteral.parse(cfg.bindHost()).ifPresent(own::add);
        AdminRule admin;
        try {
            // With a peer_secret, peers prove themselves by HMAC: a peer's IP alone opens nothing.
            admin = new AdminRule(cfg.adminIps(), own, cfg.peerSecret().isEmpty() ? addressesOf(cfg.peers()) : Set.of());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cfg.json: admin_ips: " + e.getMessage());
        }
        return new Rules(proxies, admin, cfg.enableHttps());
    }

    /** The IPs of base URLs' hosts: literals as they are, names resolved once (peers are few). */
    private static Set<InetAddress> addressesOf(List<String> urls) {
        Set<InetAddress> out = new HashSet<>();
        for (String u : urls) {
            String host = URI.create(u).getHost();
            if (host == null) continue;
            if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
            var literal = IpLiteral.parse(host);
            if (literal.isPresent()) {
                out.add(literal.get());
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) out.add(IpLiteral.normalize(a));
            } catch (UnknownHostException ignored) {
                // an unresolvable peer cannot be matched by address; peer_secret still identifies it
            }
        }
        return out;
    }

    @Override
    public Client client(HttpExchange ex) {
        Rules r = rules;
        InetSocketAddress remote = ex.getRemoteAddress();
        var headers = ex.getRequestHeaders();
        ClientAddress.Resolved c = ClientAddress.resolve(remote.getAddress(), name -> {
            List<String> v = headers.get(name);
            return v == null ? null : String.join(",", v);
        }, r.trustedProxies());
        String scheme = c.forwardedProto() != null ? c.forwardedProto() : (r.https() ? "https" : "http");
        String host = c.forwardedHost();
        if (host == null) host = headers.getFirst("Host");
        if (!ClientAddress.isHost(host)) host = hostOf(ex.getLocalAddress());
        return new Client(c.ip(), c.display(), scheme, host);
    }

    /** The address a request arrived on, as a Host value: {@code 10.0.0.1:8080}, {@code [::1]:8080}. */
    private static String hostOf(InetSocketAddress local) {
        String ip = IpLiteral.format(local.getAddress());
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + local.getPort();
    }

    @Override
    public boolean isAdmin(Request req) {
        return rules.admin().isAdmin(req.client().ip());
    }
}
