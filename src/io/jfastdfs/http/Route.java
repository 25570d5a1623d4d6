package io.jfastdfs.http;

import java.util.Set;

/**
 * An endpoint: who may call it, how a refusal looks (API.md §1.7 lists a shape per endpoint), which
 * methods it takes and which CORS flavour it gets.
 */
public record Route(String name, Access access, Denial denial, Set<String> methods, Cors.Flavour cors, Handler handler) {
    public static final Set<String> ACTION_METHODS = Set.of("GET", "POST");
    public static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    public enum Access { PUBLIC, ADMIN }

    /** The shape of an admin denial. */
    public enum Denial { TEXT, ENVELOPE, SYNC, EMPTY }

    /** An API action (GET/POST): its errors, even during shutdown, are envelopes (API.md §1.4). */
    public boolean isAction() {
        return methods.equals(ACTION_METHODS);
    }

    public static Route publicAction(String name, Handler h) {
        return new Route(name, Access.PUBLIC, Denial.TEXT, ACTION_METHODS, Cors.Flavour.PUBLIC, h);
    }

    public static Route adminAction(String name, Denial denial, Handler h) {
        return new Route(name, Access.ADMIN, denial, ACTION_METHODS, Cors.Flavour.ADMIN, h);
    }
}
