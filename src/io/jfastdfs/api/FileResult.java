package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.http.Request;
import io.jfastdfs.http.UrlCodec;
import io.jfastdfs.index.FileRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** The upload reply object of API.md §1.10 (compact field order), built from an index record. */
final class FileResult {
    private FileResult() {}

    static Map<String, Object> of(Config cfg, Request req, FileRecord r) {
        String path = downloadPath(cfg, r);
        String domain = domain(cfg, req);
        String url = domain + UrlCodec.encodePath(path);
        if (cfg.defaultDownload()) url += "?name=" + UrlCodec.encodeComponent(r.name()) + "&download=1";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("md5", r.md5());
        m.put("path", path);
        m.put("domain", domain);
        m.put("scene", r.scene());
        m.put("size", r.contentSize()); // go-fastdfs counts a merged file's flag byte here (upstream bug)
        m.put("mtime", r.timeStamp());
        m.put("scenes", r.scene());
        m.put("retmsg", "");
        m.put("retcode", 0);
        m.put("src", path);
        return m;
    }

    /** The not-found shape of second pass with output=json: every field empty. */
    static Map<String, Object> empty() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"url", "md5", "path", "domain", "scene"}) m.put(k, "");
        m.put("size", 0);
        m.put("mtime", 0);
        m.put("scenes", "");
        m.put("retmsg", "");
        m.put("retcode", 0);
        m.put("src", "");
        return m;
    }

    /** "{G}/<path without files/>/<stored name>" with a leading slash. */
    static String downloadPath(Config cfg, FileRecord r) {
        String dir = r.path().equals("files") ? "" : r.path().substring("files/".length()) + "/";
        return cfg.groupPrefix() + "/" + dir + r.storedName();
    }

    /** download_domain (scheme added when missing) or the scheme and host the client used. */
    static String domain(Config cfg, Request req) {
        String d = cfg.downloadDomain();
        if (d.isEmpty()) return req.baseUrl();
        if (!d.startsWith("http://") && !d.startsWith("https://")) d = (cfg.enableHttps() ? "https://" : "http://") + d;
        return d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }
}
