package io.jfastdfs.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.index.DailyStat;
import io.jfastdfs.index.Event;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.index.Inventory.DaySummary;
import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted peer speaking the _peer protocol with the cluster secret: it offers events, records
 * (for repair) and file bytes, may answer with wrong bytes first, and checks that every call it
 * gets is correctly signed.
 */
final class FakePeer implements AutoCloseable {
    private final HttpServer server;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<FileRecord> inventory = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final Map<String, Queue<byte[]>> wrongFirst = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> errorsFirst = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fileCalls = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final String expectedFrom;

    FakePeer(String ip, int port, String expectedFrom) throws IOException {
        this.expectedFrom = expectedFrom;
        server = HttpServer.create(new InetSocketAddress(ip, port), 50);
        server.createContext("/group1/_peer/", this::handle);
        server.start();
    }

    /** Puts an upload event for an offered file in this peer's log. */
    void announce(FileRecord rec) {
        events.add(new Event(events.size() + 1, Event.ADD, rec.md5(), rec, List.of(), rec.timeStamp()));
    }

    /** A file this peer has without an event for it (only repair can find it). */
    FileRecord offer(String name, byte[] bytes, long timeStamp) {
        FileRecord rec = new FileRecord(name, "", "files/default/" + DailyStat.dayOf(timeStamp) + "/12/00/9",
                Files2.md5(bytes), bytes.length, List.of("http://fake"), "default", timeStamp,
                FileRecord.OFFSET_NORMAL);
        content.put(rec.md5(), bytes);
        inventory.add(rec);
        return rec;
    }

    /** A file this peer indexes by its path key (migrated), without an event for it. */
    FileRecord offerByPath(String name, byte[] bytes, long timeStamp) {
        String dir = "files/migrated/" + DailyStat.dayOf(timeStamp);
        FileRecord rec = new FileRecord(name, "", dir, FileRecord.pathKeyOf(dir + "/" + name), bytes.length,
                List.of("http://fake"), "", timeStamp, FileRecord.OFFSET_MIGRATED);
        content.put(rec.md5(), bytes);
        inventory.add(rec);
        return rec;
    }

    /** Answers the file's first {@code n} fetches with HTTP 500 and no headers. */
    void failFirst(String md5, int n) {
        errorsFirst.put(md5, new AtomicInteger(n));
    }

    /** Serves these bytes instead of the file's, once each, before the right ones. */
    void corruptFirst(String md5, byte[]... wrong) {
        Queue<byte[]> q = new ConcurrentLinkedQueue<>(List.of(wrong));
        wrongFirst.put(md5, q);
    }

    int fileCalls(String md5) {
        AtomicInteger n = fileCalls.get(md5);
        return n == null ? 0 : n.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    int calls() {
        return calls.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        calls.incrementAndGet();
        String raw = ex.getRequestURI().getRawPath();
        String q = ex.getRequestURI().getRawQuery();
        Map<String, String> params = parse(q);
        String sig = ex.getRequestHeaders().getFirst(PeerAuth.HEADER);
        long ts = sig == null ? 0 : Long.parseLong(sig.substring(0, sig.indexOf(':')));
        if (sig == null || !sig.equals(Nodes.signature(Nodes.SECRET, ex.getRequestMethod(), raw + "?" + q, ts))
                || !expectedFrom.equals(params.get("from"))) {
            badSignatures.incrementAndGet();
            reply(ex, 403, new byte[0]);
            return;
        }
        String op = raw.substring("/group1/_peer/".length());
        switch (op) {
            case "events" -> {
                long after = Long.parseLong(params.getOrDefault("after", "0"));
                List<Event> page = new ArrayList<>();
                for (Event e : events) if (e.seq() > after) page.add(e);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", "fake-epoch");
                m.put("last", (long) events.size());
                m.put("events", page);
                reply(ex, 200, Json.compact(m).getBytes(StandardCharsets.UTF_8));
            }
            case "file" -> {
                String md5 = params.get("md5");
                fileCalls.computeIfAbsent(md5, k -> new AtomicInteger()).incrementAndGet();
                byte[] right = content.get(md5);
                if (right == null) {
                    reply(ex, 404, new byte[0]);
                    return;
                }
                AtomicInteger errors = errorsFirst.get(md5);
                if (errors != null && errors.getAndDecrement() > 0) {
                    reply(ex, 500, new byte[0]);
                    return;
                }
                Queue<byte[]> wrong = wrongFirst.get(md5);
                byte[] body = wrong != null && !wrong.isEmpty() ? wrong.poll() : right;
                ex.getResponseHeaders().set(Transfers.DIGEST_HEADER, "md5:" + Files2.md5(right));
                ex.getResponseHeaders().set(Transfers.VERSION_HEADER, Long.toString(find(md5).timeStamp()));
                reply(ex, 200, body);
            }
            case "has" -> {
                FileRecord rec = find(params.get("md5"));
                if (rec == null) {
                    reply(ex, 404, new byte[0]);
                    return;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("record", rec);
                m.put("size", rec.size());
                reply(ex, 200, Json.compact(m).getBytes(StandardCharsets.UTF_8));
            }
            case "summary" -> {
                Map<String, long[]> days = new LinkedHashMap<>();
                for (FileRecord r : inventory) {
                    long[] d = days.computeIfAbsent(DailyStat.dayOf(r.timeStamp()), k -> new long[2]);
                    d[0]++;
                    d[1] += r.size();
                }
                List<DaySummary> out = new ArrayList<>();
                days.forEach((day, d) -> out.add(new DaySummary(day, d[0], d[1], "fake")));
                reply(ex, 200, Json.compact(out).getBytes(StandardCharsets.UTF_8));
            }
            case "digests" -> {
                String day = params.get("day");
                String after = params.getOrDefault("after", "");
                List<FileRecord> out = inventory.stream()
                        .filter(r -> DailyStat.dayOf(r.timeStamp()).equals(day) && r.md5().compareTo(after) > 0)
                        .sorted((a, b) -> a.md5().compareTo(b.md5())).toList();
                reply(ex, 200, Json.compact(out).getBytes(StandardCharsets.UTF_8));
            }
            default -> reply(ex, 200, new byte[0]);
        }
    }

    private FileRecord find(String md5) {
        for (FileRecord r : inventory) if (r.md5().equals(md5)) return r;
        return null;
    }

    private static Map<String, String> parse(String q) {
        Map<String, String> m = new LinkedHashMap<>();
        if (q == null) return m;
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
