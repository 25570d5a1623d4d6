package io.jfastdfs.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps a decoded path to a route (API.md §1.1): exact action names under the group prefix, their
 * un-prefixed aliases, prefix routes (static assets, tus), the upload page, and everything else
 * falls through to downloads. The query string never affects routing.
 */
public final class Router {
    private final String group;
    private final Map<String, Route> actions = new HashMap<>();
    private final Map<String, Route> prefixes = new HashMap<>();
    private Route page;
    private Route download;

    public Router(String groupPrefix) {
        this.group = groupPrefix;
    }

    /** Registers an action; a name registered twice is a wiring mistake, refused at start. */
    public Router action(Route r) {
        if (actions.putIfAbsent(r.name(), r) != null) throw new IllegalStateException("route registered twice: " + r.name());
        return this;
    }

    /** A route for "name" and everything below "name/". */
    public Router prefix(Route r) {
        prefixes.put(r.name(), r);
        return this;
    }

    public Router page(Route r) {
        page = r;
        return this;
    }

    public Router download(Route r) {
        download = r;
        return this;
    }

    public Route route(String path) {
        if (path.equals("/")) return page;
        if (!group.isEmpty()) {
            if (path.equals(group) || path.equals(group + "/")) return page;
            if (path.startsWith(group + "/")) {
                Route r = match(path.substring(group.length() + 1));
                return r != null ? r : download;
            }
        }
        Route r = match(path.substring(1));
        return r != null ? r : download;
    }

    private Route match(String rest) {
        Route r = actions.get(rest);
        if (r != null) return r;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (first.equals("big") && rest.startsWith("big/upload")) {
            Route tus = prefixes.get("big/upload");
            if (tus != null && (rest.length() == "big/upload".length() || rest.charAt("big/upload".length()) == '/')) {
                return tus;
            }
        }
        return slash < 0 ? null : prefixes.get(first);
    }
}
