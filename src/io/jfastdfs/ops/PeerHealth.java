package io.jfastdfs.ops;

/**
 * One peer as replication sees it, for metrics: reachable or not, events of its log not applied here
 * ({@code backlog}), events of ours it has not read ({@code behind}), since when it lacks part of our log
 * ({@code behindSince}, Unix s, 0 when it has all of it), last successful exchange (Unix s).
 */
public record PeerHealth(String url, boolean up, long backlog, long behind, long behindSince, long lastSeen) {
}
