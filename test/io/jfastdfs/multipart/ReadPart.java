package io.jfastdfs.multipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A part read to its end, for assertions. */
record ReadPart(String name, String filename, String contentType, byte[] body) {

    static List<ReadPart> readAll(byte[] body, String contentType) throws IOException {
        return readAll(new MultipartReader(new ByteArrayInputStream(body), contentType));
    }

    static List<ReadPart> readAll(InputStream in, String contentType, Limits limits, int bufferSize)
            throws IOException {
        return readAll(new MultipartReader(in, contentType, limits, bufferSize));
    }

    static List<ReadPart> readAll(MultipartReader reader) throws IOException {
        List<ReadPart> parts = new ArrayList<>();
        for (Part p; (p = reader.next()) != null; ) {
            parts.add(new ReadPart(p.name(), p.filename(), p.contentType(), p.body().readAllBytes()));
        }
        return parts;
    }

    /** The single part of {@code body}. */
    static ReadPart only(byte[] body, String contentType) throws IOException {
        List<ReadPart> parts = readAll(body, contentType);
        if (parts.size() != 1) throw new AssertionError("expected one part, got " + parts);
        return parts.get(0);
    }
}
