package io.jfastdfs.http;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats the access-log line of API.md §6.2: go-fastdfs's layout with the real status and the
 * bytes sent appended. The timestamp text is cached per second (one line per request is hot).
 */
public final class AccessLog {
    private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter GO = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss");

    private record Stamp(long second, String text) {}

    private volatile Stamp stamp = new Stamp(-1, "");

    public String line(long durationNanos, String client, String method, int status, String uri, long bytes) {
        return stamp() + " | " + goDuration(durationNanos) + " | " + client + " | " + method + " | " + status
                + " |" + uri + " | " + bytes;
    }

    private String stamp() {
        long sec = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second != sec) {
            LocalDateTime now = LocalDateTime.now();
            s = new Stamp(sec, PREFIX.format(now) + " [INF] [access] " + GO.format(now));
            stamp = s;
        }
        return s.text;
    }

    /** Go's time.Duration text: 850ns, 982.643µs, 12.5ms, 1.2s, 2m3.5s. */
    static String goDuration(long ns) {
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return decimal(ns, 1_000, 3) + "µs";
        if (ns < 1_000_000_000) return decimal(ns, 1_000_000, 6) + "ms";
        long minutes = ns / 60_000_000_000L;
        String secs = decimal(ns % 60_000_000_000L, 1_000_000_000, 9) + "s";
        if (minutes == 0) return secs;
        return minutes >= 60 ? (minutes / 60) + "h" + (minutes % 60) + "m" + secs : minutes + "m" + secs;
    }

    private static String decimal(long value, long unit, int digits) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) return Long.toString(whole);
        String f = String.format("%0" + digits + "d", frac);
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') end--;
        return whole + "." + f.substring(0, end);
    }
}
