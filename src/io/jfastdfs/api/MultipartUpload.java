package io.jfastdfs.api;

import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Request;
import io.jfastdfs.multipart.MultipartException;
import io.jfastdfs.multipart.Part;
import io.jfastdfs.store.FileStore;
import io.jfastdfs.store.TempFile;

import java.io.IOException;

/**
 * Reads a multipart upload body in one streaming pass: the first "file" part goes to a temp file
 * (digested while written), the other fields become the request's parameters, wherever they stand.
 */
final class MultipartUpload implements Request.FileParts {
    private final FileStore store;
    private final String algorithm;
    private final long sizeLimit;
    private TempFile file;
    private String clientName;

    private MultipartUpload(FileStore store, String algorithm, long sizeLimit) {
        this.store = store;
        this.algorithm = algorithm;
        this.sizeLimit = sizeLimit;
    }

    /** The spooled file and its client-side name. */
    record Body(String clientName, TempFile file) {}

    static Body read(Request req, FileStore store, String algorithm, long sizeLimit) throws IOException {
        MultipartUpload spool = new MultipartUpload(store, algorithm, sizeLimit);
        try {
            req.readMultipart(spool);
        } catch (TempFile.TooLargeException e) {
            spool.discard();
            throw ApiError.real(413, "(error)file too large");
        } catch (MultipartException e) {
            spool.discard();
            String msg = e.getMessage();
            if (msg.startsWith("request Content-Type") || msg.startsWith("no multipart boundary")) {
                throw ApiError.fail(400, msg);
            }
            throw ApiError.fail(400, msg.contains("unexpected end") ? "(error)file uncomplete" : "(error)" + msg);
        } catch (IOException | RuntimeException e) {
            spool.discard();
            if (FileStore.diskFull(e)) throw ApiError.real(507, "(error)disk full");
            throw e;
        }
        if (spool.file == null) throw ApiError.fail(400, "http: no such file");
        return new Body(spool.clientName, spool.file);
    }

    @Override
    public void accept(Part p) throws IOException {
        if (file != null || !p.name().equals("file")) return; // only the first file part counts
        file = store.newTemp(algorithm, sizeLimit);
        clientName = p.filename();
        p.copyTo(file::write);
    }

    private void discard() {
        if (file != null) file.discard();
    }
}
