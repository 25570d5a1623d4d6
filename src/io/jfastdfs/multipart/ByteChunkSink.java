package io.jfastdfs.multipart;

import java.io.IOException;

/**
 * Receives a part body chunk by chunk, straight from the parser's buffer, so one pass can hash and
 * write the bytes without copying them ({@code digest::update} fits).
 */
@FunctionalInterface
public interface ByteChunkSink {
    /** {@code buf} belongs to the parser: valid only during this call, never to be kept or modified. */
    void write(byte[] buf, int off, int len) throws IOException;
}
