package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.UrlCodec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directory URLs (API.md §2.3): an HTML listing when show_dir, else "list dir deny". */
final class DirectoryListing {
    private DirectoryListing() {}

    /** {@code dir} is a servable directory below files/ (FileStore.entry refuses the root, _tmp and _big). */
    static Reply reply(Config cfg, String rel, Path dir) throws IOException {
        if (!cfg.showDir()) return Reply.text("list dir deny").strictStatus(403);
        if (!rel.endsWith("/")) {
            String last = rel.substring(rel.lastIndexOf('/') + 1);
            return Reply.empty(301).header("Location", UrlCodec.encodePathSegment(last) + "/");
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                names.add(Files.isDirectory(p) ? n + "/" : n);
            }
        }
        names.sort(null);
        StringBuilder sb = new StringBuilder("<pre>\n");
        for (String n : names) {
            String href = n.endsWith("/") ? UrlCodec.encodePathSegment(n.substring(0, n.length() - 1)) + "/"
                    : UrlCodec.encodePathSegment(n);
            sb.append("<a href=\"").append(href).append("\">").append(escape(n)).append("</a>\n");
        }
        return Reply.html(sb.append("</pre>\n").toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
