package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.DailyStat;
import io.jfastdfs.index.FileIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {G}/stat (API.md §2.12) and {G}/repair_stat (§2.15): counters kept in the index. */
public final class StatHandler implements Handler {

    private final FileIndex index;

    public StatHandler(FileIndex index) {
        this.index = index;
    }

    @Override
    public Reply handle(Request req) {
        List<Map<String, Object>> rows = rows();
        if (req.param("inner").equals("1")) return Reply.pretty(rows);
        if (req.param("echart").equals("1")) {
            List<Object> counts = new ArrayList<>();
            List<Object> sizes = new ArrayList<>();
            List<Object> days = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                counts.add(r.get("fileCount"));
                sizes.add(r.get("totalSize"));
                days.add(r.get("date"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("barCount", counts);
            data.put("barSize", sizes);
            data.put("category", days);
            return Reply.ok(data);
        }
        return Reply.ok(rows);
    }

    /** repair_stat: recount one day (default today) from the index. */
    public Reply repair(Request req) {
        DailyStat s = index.recountDay(day(req));
        return Reply.ok(row(s.day(), s.count(), s.bytes()));
    }

    /** The {@code date} parameter (repair_stat, backup; §2.15): yyyyMMdd of a real date, absent means today. */
    static String day(Request req) {
        String date = req.param("date").trim();
        if (date.isEmpty()) return DailyStat.dayOf(System.currentTimeMillis() / 1000);
        if (!DailyStat.isDay(date)) throw ApiError.fail(400, "invalid date");
        return date;
    }

    /** Rows per day ascending (today always present), then "all". */
    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String today = DailyStat.dayOf(System.currentTimeMillis() / 1000);
        long count = 0;
        long bytes = 0;
        boolean sawToday = false;
        for (DailyStat s : index.stats()) {
            if (!sawToday && s.day().compareTo(today) > 0) {
                rows.add(row(today, 0, 0));
                sawToday = true;
            }
            sawToday |= s.day().equals(today);
            rows.add(row(s.day(), s.count(), s.bytes()));
            count += s.count();
            bytes += s.bytes();
        }
        if (!sawToday) rows.add(row(today, 0, 0));
        rows.add(row("all", count, bytes));
        return rows;
    }

    private static Map<String, Object> row(String date, long count, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("fileCount", count);
        m.put("totalSize", bytes);
        return m;
    }
}
