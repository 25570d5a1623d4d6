package io.jfastdfs.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A seekable view of {@code length} bytes at {@code start} of a file (a whole file or one entry of a
 * small-file container), read with positional reads through a small read-ahead buffer. Unlike
 * ImageIO's stream wrappers it keeps no cache, in memory or on disk. Closing it leaves the channel open.
 */
final class FileSliceImageInputStream extends ImageInputStreamImpl {

    private static final int BUFFER_BYTES = 8192;

    private final FileChannel channel;
    private final long start;
    private final long length;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final byte[] single = new byte[1];
    /** Slice position of buffer[0]; buffer holds bufferLength valid bytes. */
    private long bufferPos;
    private int bufferLength;

    FileSliceImageInputStream(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.start = start;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) <= 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int want = (int) Math.min(len, length - streamPos);
        if (want >= BUFFER_BYTES) {
            return advance(channel.read(ByteBuffer.wrap(b, off, want), start + streamPos));
        }
        if (streamPos < bufferPos || streamPos >= bufferPos + bufferLength) {
            int filled = channel.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(BUFFER_BYTES, length - streamPos)),
                    start + streamPos);
            if (filled <= 0) {
                return -1;
            }
            bufferPos = streamPos;
            bufferLength = filled;
        }
        int n = (int) Math.min(want, bufferPos + bufferLength - streamPos);
        System.arraycopy(buffer, (int) (streamPos - bufferPos), b, off, n);
        return advance(n);
    }

    private int advance(int n) {
        if (n > 0) {
            streamPos += n;
        }
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
