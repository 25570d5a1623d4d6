package io.jfastdfs.http;

import java.net.InetAddress;

/**
 * Who is asking, after API.md §1.8: the client IP (forwarded headers believed only from trusted
 * proxies), how it is displayed in logs and denials, and the scheme/host to build URLs from.
 */
public record Client(InetAddress ip, String display, String scheme, String host) {
}
