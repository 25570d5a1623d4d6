package io.jfastdfs.cluster;

import io.jfastdfs.auth.IpLiteral;
import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.Request;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Peer identity (API.md §5.3 item 1). Every peer call carries
 * {@code X-Peer-Auth: <unix ts>:<hex HMAC-SHA256(peer_secret, method + "\n" + path?query + "\n" + ts)>}
 * and names its sender in the signed query parameter {@code from}, which must be a configured peer
 * URL exactly. With an empty secret the sender must connect from the IP of that peer's host.
 * Forwarded headers and IP prefixes never count.
 */
final class PeerAuth {
    static final String HEADER = "X-Peer-Auth";
    static final String FROM = "from";
    static final long MAX_SKEW_SECONDS = 300;

    private final Settings settings;

    PeerAuth(Settings settings) {
        this.settings = settings;
    }

    /** The header value for a call, or null when no secret is configured. */
    String header(String method, String pathAndQuery) {
        String secret = settings.get().peerSecret();
        if (secret.isEmpty()) return null;
        long ts = System.currentTimeMillis() / 1000;
        return ts + ":" + sign(secret, method, pathAndQuery, ts);
    }

    static String sign(String secret, String method, String pathAndQuery, long ts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((method + "\n" + pathAndQuery + "\n" + ts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured peer URL that sent {@code req}, if the request proves it. */
    Optional<String> verify(Request req) {
        String raw = req.exchange().getRequestURI().getRawPath();
        String query = req.rawQuery();
        String pathAndQuery = query == null ? raw : raw + "?" + query;
        return verify(settings.get(), req.method(), pathAndQuery, req.header(HEADER), req.param(FROM),
                req.client().ip(), System.currentTimeMillis() / 1000);
    }

    static Optional<String> verify(Config cfg, String method, String pathAndQuery, String header, String from,
                                   InetAddress caller, long now) {
        if (from.isEmpty() || !cfg.peers().contains(from)) return Optional.empty();
        String secret = cfg.peerSecret();
        if (secret.isEmpty()) {
            return hostIp(from).filter(ip -> caller != null && ip.equals(IpLiteral.normalize(caller))).map(ip -> from);
        }
        int colon = header.indexOf(':');
        if (colon <= 0) return Optional.empty();
        long ts;
        try {
            ts = Long.parseLong(header.substring(0, colon));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (Math.abs(now - ts) > MAX_SKEW_SECONDS) return Optional.empty();
        byte[] expected = sign(secret, method, pathAndQuery, ts).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(from) : Optional.empty();
    }

    /** The IP a peer URL's host names (literal, or resolved). */
    static Optional<InetAddress> hostIp(String url) {
        String host = URI.create(url).getHost();
        if (host == null) return Optional.empty();
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        try {
            return Optional.of(IpLiteral.normalize(InetAddress.getByName(host)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
