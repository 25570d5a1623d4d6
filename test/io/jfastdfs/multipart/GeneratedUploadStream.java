package io.jfastdfs.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * A multipart body {@code scene=default, file=<content>, output=json} whose file content of any size
 * is generated while it is read; only one 1 MiB block is ever held. Content block {@code k} is a fixed
 * random block (with boundary lookalikes planted) whose first 8 bytes hold {@code k}.
 */
final class GeneratedUploadStream extends InputStream {
    private static final int BLOCK = 1 << 20;

    private final byte[] prefix;
    private final byte[] suffix;
    private final long contentLength;
    private final byte[] block;
    private long served;

    GeneratedUploadStream(String boundary, long contentLength) {
        String dash = "--" + boundary;
        this.prefix = (dash + "\r\nContent-Disposition: form-data; name=\"scene\"\r\n\r\ndefault\r\n" + dash
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(UTF_8);
        this.suffix = ("\r\n" + dash + "\r\nContent-Disposition: form-data; name=\"output\"\r\n\r\njson\r\n"
                + dash + "--\r\n").getBytes(UTF_8);
        this.contentLength = contentLength;
        this.block = templateBlock(boundary);
    }

    private static byte[] templateBlock(String boundary) {
        byte[] b = new byte[BLOCK];
        new Random(1).nextBytes(b);
        String half = boundary.substring(0, boundary.length() / 2);
        byte[] lookalike = ("\r\n--" + boundary + "X\r\n--" + half).getBytes(UTF_8);
        for (int at = 100; at + lookalike.length < BLOCK; at += 99_991) {
            System.arraycopy(lookalike, 0, b, at, lookalike.length);
        }
        return b;
    }

    /** Makes {@link #block} content block {@code k}. */
    private static void stamp(byte[] block, long k) {
        for (int i = 0; i < 8; i++) block[i] = (byte) (k >>> (56 - 8 * i));
    }

    /** Content bytes handed out so far. */
    long contentServed() {
        return Math.clamp(served - prefix.length, 0, contentLength);
    }

    /** Hex MD5 of the file content, computed without the parser. */
    String contentMd5() throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] b = block.clone();
        for (long k = 0, left = contentLength; left > 0; k++, left -= BLOCK) {
            stamp(b, k);
            md5.update(b, 0, (int) Math.min(BLOCK, left));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        long contentEnd = prefix.length + contentLength;
        int n;
        if (served < prefix.length) {
            n = Math.min(len, prefix.length - (int) served);
            System.arraycopy(prefix, (int) served, b, off, n);
        } else if (served < contentEnd) {
            long p = served - prefix.length;
            int within = (int) (p % BLOCK);
            if (within == 0) stamp(block, p / BLOCK);
            n = (int) Math.min(Math.min(len, BLOCK - within), contentLength - p);
            System.arraycopy(block, within, b, off, n);
        } else if (served < contentEnd + suffix.length) {
            n = Math.min(len, (int) (contentEnd + suffix.length - served));
            System.arraycopy(suffix, (int) (served - contentEnd), b, off, n);
        } else {
            return -1;
        }
        served += n;
        return n;
    }
}
