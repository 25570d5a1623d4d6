package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Request;
import io.jfastdfs.multipart.MultipartException;
import io.jfastdfs.multipart.MultipartReader;
import io.jfastdfs.multipart.Part;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.TempFile;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart upload body in one streaming pass: the first "file" part goes to a temp file
 * (digested while written), every other field is collected, wherever it stands in the body.
 */
final class MultipartUpload {
    private MultipartUpload() {}

    /** The parsed body: form fields, the file's client-side name and its spooled bytes. */
    record Body(Map<String, String> fields, String clientName, TempFile file) {}

    static Body read(Request req, FileStore store, String algorithm, long sizeLimit) throws IOException {
        String ct = req.contentType();
        if (!ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.fail(400, "request Content-Type isn't multipart/form-data");
        }
        Map<String, String> fields = new HashMap<>();
        TempFile file = null;
        String clientName = null;
        try {
            MultipartReader reader = new MultipartReader(req.body(), ct);
            for (Part p = reader.next(); p != null; p = reader.next()) {
                if (p.name().equals("file") && p.filename() != null && file == null) {
                    file = store.newTemp(algorithm, sizeLimit);
                    clientName = p.filename();
                    p.copyTo(file::write);
                } else if (p.filename() == null) {
                    fields.putIfAbsent(p.name(), p.text());
                }
            }
        } catch (TempFile.TooLargeException e) {
            discard(file);
            throw ApiError.real(413, "(error)file too large");
        } catch (MultipartException e) {
            discard(file);
            String msg = e.getMessage();
            if (msg.startsWith("request Content-Type") || msg.startsWith("no multipart boundary")) {
                throw ApiError.fail(400, msg);
            }
            throw ApiError.fail(400, msg.contains("unexpected end") ? "(error)file uncomplete" : "(error)" + msg);
        } catch (IOException | RuntimeException e) {
            discard(file);
            if (String.valueOf(e.getMessage()).contains("No space left")) throw ApiError.real(507, "(error)disk full");
            throw e;
        }
        if (file == null) throw ApiError.fail(400, "http: no such file");
        return new Body(fields, clientName, file);
    }

    private static void discard(TempFile f) {
        if (f != null) f.discard();
    }
}
