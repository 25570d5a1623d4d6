package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.index.FileRecord;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {G}/list_dir?dir=… (API.md §2.10); each file's md5 is its path key, usable with delete. */
public final class ListDirHandler implements Handler {
    private final FileStore store;

    public ListDirHandler(FileStore store) {
        this.store = store;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        String dir = req.param("dir").replace(".", "");
        while (dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
        String rel = dir;
        while (rel.startsWith("/")) rel = rel.substring(1);
        Path p;
        try {
            if (!rel.isEmpty()) SafePath.relative(rel);
            p = SafePath.resolveInside(store.root(), rel.isEmpty() ? "." : rel);
        } catch (UnsafePathException e) {
            throw ApiError.real(400, "(error)invalid dir");
        }
        if (!Files.isDirectory(p)) throw ApiError.fail(404, "open files/" + dir + ": no such file or directory");
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean root = p.equals(store.root());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            for (Path e : ds) {
                String name = e.getFileName().toString();
                if (root && (name.equals(FileStore.TMP) || name.equals(FileStore.BIG))) continue;
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(e, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue; // deleted meanwhile, or a dangling symlink: nothing to list
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("is_dir", a.isDirectory());
                m.put("md5", FileRecord.pathKeyOf("files/" + dir + "/" + name));
                m.put("mtime", a.lastModifiedTime().toMillis() / 1000);
                m.put("name", name);
                m.put("path", dir);
                m.put("size", a.size());
                rows.add(m);
            }
        }
        rows.sort((x, y) -> ((String) x.get("name")).compareTo((String) y.get("name")));
        return Reply.ok(rows.isEmpty() ? null : rows);
    }
}
