package io.jfastdfs.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Normalised base URL of a node: scheme://host[:port], no trailing slash (API.md §4.4). */
public final class PeerUrl {
    private PeerUrl() {}

    /**
     * Validates and normalises a base URL. {@code addScheme} true prefixes "http://" when the scheme
     * is missing (allowed for {@code host}); false makes a missing scheme an error (peers, issue #3).
     */
    public static String normalise(String key, String value, boolean addScheme) throws ConfigException {
        String v = value.trim();
        if (!v.contains("://")) {
            if (!addScheme) {
                throw new ConfigException("cfg.json: " + key + " entry \"" + value
                        + "\" has no scheme; write it as http://" + v);
            }
            v = "http://" + v;
        }
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" must use http or https");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" has no host (or a bad port)");
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" has a bad port");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" must not have a path");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new ConfigException("cfg.json: " + key + " entry \"" + value + "\" must be scheme://host:port only");
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }
}
