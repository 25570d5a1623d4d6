package io.jfastdfs.ops;

/**
 * One peer as replication sees it, for metrics: reachable or not, events of its log not applied here
 * ({@code backlog}), events of ours it has not read ({@code behind}), last successful exchange (Unix s).
 */
public record PeerHealth(String url, boolean up, long backlog, long behind, long lastSeen) {
}
