package io.jfastdfs.http;

import com.sun.net.httpserver.HttpExchange;

/** Who is calling (API.md §1.8) and whether they may use admin routes (§1.7, §5.3). */
public interface AccessPolicy {
    Client client(HttpExchange exchange);

    boolean isAdmin(Request request);
}
